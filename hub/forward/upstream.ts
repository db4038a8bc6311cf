/**
 * Where a hub forwards its statements: an upstream xAPI endpoint (a ministry hub
 * or any conformant LRS) and its HTTP Basic credentials, given as a URL with
 * `--forward-key` and `--forward-secret`, or as one enrolment code the way the app
 * takes it (`baraza hub add-client --endpoint …` prints one).
 */
import type { SyncTarget } from '../../core/sync/protocol';

export const ENROLMENT_PREFIX = 'baraza-enrol:';

export class UpstreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export interface UpstreamInput {
  /** An xAPI endpoint URL (`https://ministry.example/xapi/`) or an enrolment code. */
  readonly to: string;
  readonly key?: string;
  readonly secret?: string;
}

function endpointOf(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UpstreamError(`"${text.slice(0, 200)}" is not a web address. Give the upstream's xAPI endpoint, such as https://ministry.example.org/xapi/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UpstreamError(`The upstream's address must start with http:// or https://, not ${url.protocol}`);
  if (url.search || url.hash) throw new UpstreamError('The upstream\'s address must not carry a query (?…) or a fragment (#…): give the xAPI endpoint itself');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function decodeEnrolmentCode(code: string): { endpoint: string; key: string; secret: string } {
  try {
    const value = JSON.parse(Buffer.from(code.slice(ENROLMENT_PREFIX.length).trim(), 'base64url').toString('utf8')) as { endpoint?: unknown; key?: unknown; secret?: unknown };
    if (typeof value.endpoint === 'string' && typeof value.key === 'string' && typeof value.secret === 'string') return { endpoint: value.endpoint, key: value.key, secret: value.secret };
  } catch {
    // Reported below, with the same words as any other damaged code.
  }
  throw new UpstreamError('This enrolment code is damaged or incomplete. Copy it again from where `baraza hub add-client` printed it.');
}

/** The upstream as the sync protocol addresses it; throws UpstreamError saying what to fix. */
export function upstreamTarget(input: UpstreamInput): SyncTarget {
  const to = input.to.trim();
  if (to.startsWith(ENROLMENT_PREFIX)) {
    if (input.key !== undefined || input.secret !== undefined) throw new UpstreamError('An enrolment code already holds a key and secret: give either the code, or an address with --forward-key and --forward-secret');
    const code = decodeEnrolmentCode(to);
    const url = endpointOf(code.endpoint);
    return { endpoint: url.href, auth: { username: code.key, password: code.secret } };
  }
  const url = endpointOf(to);
  // fetch refuses addresses that carry credentials, so they travel in the Authorization header instead.
  const inUrl = url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined;
  url.username = '';
  url.password = '';
  if (inUrl && (input.key !== undefined || input.secret !== undefined)) throw new UpstreamError('Give the upstream\'s key and secret once: in the address or with --forward-key and --forward-secret, not both');
  if ((input.key === undefined) !== (input.secret === undefined)) throw new UpstreamError('--forward-key and --forward-secret go together: give both, or neither for an upstream that needs no credentials');
  const auth = inUrl ?? (input.key !== undefined && input.secret !== undefined ? { username: input.key, password: input.secret } : undefined);
  if (auth && auth.username.includes(':')) throw new UpstreamError('A key cannot contain ":" (HTTP Basic would split it there)');
  return { endpoint: url.href, ...(auth ? { auth } : {}) };
}

/**
 * The name a checkpoint is kept under: the endpoint without credentials, so a new
 * key for the same upstream keeps the position, and another upstream starts from the beginning.
 */
export function upstreamKey(target: SyncTarget): string {
  return target.endpoint;
}

/** `--forward-*` options, or BARAZA_FORWARD_TO / _KEY / _SECRET; null when forwarding is not asked for. */
export function upstreamFromOptions(values: { 'forward-to'?: string; 'forward-key'?: string; 'forward-secret'?: string }, env: NodeJS.ProcessEnv): SyncTarget | null {
  const to = values['forward-to'] ?? (env.BARAZA_FORWARD_TO?.trim() || undefined);
  const key = values['forward-key'] ?? (env.BARAZA_FORWARD_KEY || undefined);
  const secret = values['forward-secret'] ?? (env.BARAZA_FORWARD_SECRET || undefined);
  if (to === undefined) {
    if (key !== undefined || secret !== undefined) throw new UpstreamError('A forwarding key or secret was given without --forward-to (or BARAZA_FORWARD_TO): say where to forward');
    return null;
  }
  return upstreamTarget({ to, ...(key !== undefined ? { key } : {}), ...(secret !== undefined ? { secret } : {}) });
}
