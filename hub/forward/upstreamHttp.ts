/**
 * The two requests forwarding makes to the upstream LRS, each turned into a
 * value: a reply, or why there is none. Nothing the upstream does can hang the
 * hub or fill its memory: every exchange has a deadline, a reply body has a
 * size cap, and redirects are not followed (they would carry the credentials
 * elsewhere).
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { acceptsGzipRequests, resourceUrl, xapiHeaders, type SyncErrorCode, type SyncTarget } from '../../core/sync/protocol';

/** The part of `fetch` forwarding uses; tests pass their own to watch or break it. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface Reply {
  readonly status: number;
  readonly text: string;
}

export interface Failure {
  readonly code: SyncErrorCode;
  readonly detail: string;
}

export interface ExchangeOptions {
  readonly fetch: FetchLike;
  /** How long one request may take, reply included. */
  readonly timeoutMs: number;
  /** Aborts a request in flight when the hub stops. */
  readonly signal?: AbortSignal;
}

/** A reply to a batch is a list of ids (about 40 bytes each); anything far larger is not an answer to trust. */
const MAX_REPLY_BYTES = 1024 * 1024;
/** Smaller bodies gain little from gzip. */
const GZIP_FROM_BYTES = 1024;
const gzipAsync = promisify(gzip);

export const isFailure = (value: Reply | Failure): value is Failure => 'code' in value;

async function readCapped(res: Response): Promise<string | null> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function exchange(url: string, init: RequestInit, options: ExchangeOptions): Promise<Reply | Failure> {
  try {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const res = await options.fetch(url, { ...init, redirect: 'manual', signal: options.signal ? AbortSignal.any([deadline, options.signal]) : deadline });
    // Reading the body can fail too (the connection dropped, the deadline passed mid-reply).
    const text = await readCapped(res);
    if (text === null) return { code: 'server', detail: `The upstream answered ${res.status} with more than ${MAX_REPLY_BYTES} bytes, which is no answer to a batch of statements` };
    return { status: res.status, text };
  } catch (err) {
    if (options.signal?.aborted) return { code: 'offline', detail: 'Forwarding stopped with the hub' };
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return { code: 'offline', detail: `The upstream did not answer within ${Math.round(options.timeoutMs / 1000)} s` };
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { code: 'offline', detail: `${err instanceof Error ? err.message : String(err)}${cause}` };
  }
}

/** Whether the upstream answers at all, and whether its About resource says it takes gzip bodies. */
export async function probeUpstream(target: SyncTarget, options: ExchangeOptions): Promise<Failure | { gzip: boolean }> {
  const reply = await exchange(resourceUrl(target, 'about'), { method: 'GET', headers: xapiHeaders(target, false) }, options);
  if (isFailure(reply)) return reply;
  // Some LRSs answer About oddly; that is no reason not to try the batch itself.
  let about: unknown;
  try {
    about = JSON.parse(reply.text);
  } catch {
    about = undefined;
  }
  return { gzip: reply.status === 200 && acceptsGzipRequests(about) };
}

/** A POST body and its Content-Type: a JSON list of statements, or multipart/mixed with their attachments. */
export interface Body {
  readonly bytes: Buffer;
  readonly contentType: string;
}

/** POSTs a batch of statements, gzipped when the upstream takes it and the body is worth it. */
export async function postStatements(target: SyncTarget, body: Body, compress: boolean, options: ExchangeOptions): Promise<Reply | Failure> {
  const packed = compress && body.bytes.length >= GZIP_FROM_BYTES;
  const headers = { ...xapiHeaders(target, false), 'Content-Type': body.contentType, ...(packed ? { 'Content-Encoding': 'gzip' } : {}) };
  // fetch's types take only a Uint8Array over a plain ArrayBuffer, which a Buffer need not be.
  const bytes = new Uint8Array(packed ? await gzipAsync(body.bytes) : body.bytes);
  return exchange(resourceUrl(target, 'statements'), { method: 'POST', headers, body: bytes }, options);
}

/** The upstream's reason for a refusal, short enough to log and keep. */
export function reasonOf(reply: Reply): string {
  let message = reply.text;
  try {
    const body: unknown = JSON.parse(reply.text);
    if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') message = body.error;
  } catch {
    // Not JSON: the text itself is the reason.
  }
  return `${reply.status} ${message.replace(/\s+/g, ' ').slice(0, 300)}`.trim();
}
