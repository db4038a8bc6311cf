/**
 * The sync protocol's decisions, free of any storage or transport: how to cut
 * the outbox into batches, how long to wait before trying again, what an LRS
 * reply means, and which rows a reply lets us mark synced. See docs/sync.md.
 */
import { XAPI_VERSION } from '../xapi/statement';

/** Where statements go: an xAPI endpoint such as `https://hub.example/xapi/`. */
export interface SyncTarget {
  readonly endpoint: string;
  readonly auth?: { readonly username: string; readonly password: string };
}

/**
 * Stable codes a sync panel can translate into a sentence:
 * offline (no answer), auth (401/403), server (5xx or a reply we cannot trust),
 * conflict (the hub holds a different statement under one of our ids),
 * rejected (the hub refused a statement as invalid or too large).
 */
export type SyncErrorCode = 'offline' | 'rejected' | 'conflict' | 'server' | 'auth';

/** A statement kept on the device, unsent, because the hub refused it on its own merits. */
export interface HeldStatement {
  readonly id: string;
  readonly code: 'conflict' | 'rejected';
  /** The hub's reason, for a developer; not shown to learners as is. */
  readonly reason: string;
}

export interface SyncReport {
  /** Statements the hub confirmed in this run. */
  readonly pushed: number;
  /** Statements from the hub stored on this device in this run. */
  readonly pulled: number;
  /** Rows still waiting in the outbox (including held ones). */
  readonly pending: number;
  /** ISO time of the last run that ended without a transport or server error. */
  readonly lastSuccess?: string;
  readonly error?: SyncErrorCode;
  /** Developer-facing detail of `error`. */
  readonly detail?: string;
  readonly held?: readonly HeldStatement[];
}

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 15 * 60_000 };

/**
 * "Full jitter" (AWS Architecture Blog, 2015): a uniform wait in
 * [0, min(cap, base * 2^attempt)), so many laptops coming back online at once
 * do not hit the hub in lockstep. `attempt` counts from 0.
 */
export function nextDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 52);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(r * ceiling);
}

/** Bytes of a string in UTF-8, without TextEncoder so it runs anywhere. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Cuts items into consecutive batches of at most `maxStatements` items whose
 * JSON array stays within `maxBytes`. Order is kept; every item lands in
 * exactly one batch. An item larger than `maxBytes` travels alone, so the
 * hub can refuse it without holding back its neighbours.
 */
export function batches<T>(items: readonly T[], maxStatements: number, maxBytes: number, size: (item: T) => number = (item) => utf8Length(JSON.stringify(item))): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 2; // the brackets
  for (const item of items) {
    const itemBytes = size(item);
    // `+ 1` is the comma before every item but the first.
    if (current.length && (current.length >= maxStatements || bytes + 1 + itemBytes > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 2;
    }
    bytes += itemBytes + (current.length ? 1 : 0);
    current.push(item);
  }
  if (current.length) out.push(current);
  return out;
}

/** What a reply to POST /statements tells the client to do with the batch it sent. */
export type PostOutcome =
  | { readonly kind: 'stored' }
  /** The hub refused the whole batch because of some statement in it: split to find which. */
  | { readonly kind: 'isolate'; readonly code: 'conflict' | 'rejected' }
  /** Stop this run; the batch stays in the outbox and is resent later. */
  | { readonly kind: 'stop'; readonly code: 'auth' | 'server' };

export function classifyPostStatus(status: number): PostOutcome {
  if (status === 200) return { kind: 'stored' };
  if (status === 409) return { kind: 'isolate', code: 'conflict' };
  // 400: a statement the hub finds invalid; 413: a batch (or a statement) too large.
  if (status === 400 || status === 413) return { kind: 'isolate', code: 'rejected' };
  if (status === 401 || status === 403) return { kind: 'stop', code: 'auth' };
  return { kind: 'stop', code: 'server' };
}

/**
 * The ids a 200 reply confirms, or null when the reply does not name exactly
 * the statements sent (then nothing may be marked synced). Ids compare without
 * case because LRSs may lowercase UUIDs.
 */
export function confirmedIds(sent: readonly string[], reply: unknown): string[] | null {
  if (!Array.isArray(reply) || reply.length !== sent.length) return null;
  const returned = new Set<string>();
  for (const id of reply) {
    if (typeof id !== 'string') return null;
    returned.add(id.toLowerCase());
  }
  if (returned.size !== new Set(sent.map((id) => id.toLowerCase())).size) return null;
  return sent.every((id) => returned.has(id.toLowerCase())) ? [...sent] : null;
}

/** Only a lost connection or a failing server is worth retrying on a timer; the rest needs a person. */
export function shouldRetry(code: SyncErrorCode | undefined): boolean {
  return code === 'offline' || code === 'server';
}

/** `endpoint` with exactly one trailing slash, so relative resource names resolve under it. */
export function resourceUrl(target: SyncTarget, resource: string): string {
  const base = target.endpoint.endsWith('/') ? target.endpoint : `${target.endpoint}/`;
  return new URL(resource, base).toString();
}

/** A `more` link is relative to the LRS's origin (xAPI 2.0, 4.2.6.2). */
export function moreUrl(target: SyncTarget, more: string): string {
  return new URL(more, target.endpoint).toString();
}

export function xapiHeaders(target: SyncTarget, json: boolean): Record<string, string> {
  return {
    'X-Experience-API-Version': XAPI_VERSION,
    ...(json ? { 'Content-Type': 'application/json' } : {}),
    ...(target.auth ? { Authorization: basicAuth(target.auth.username, target.auth.password) } : {}),
  };
}

function basicAuth(username: string, password: string): string {
  // btoa takes Latin-1 only: encode the UTF-8 bytes first so any password works.
  const latin1 = encodeURIComponent(`${username}:${password}`).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return `Basic ${btoa(latin1)}`;
}

/**
 * An About extension by which a hub says which request `Content-Encoding`s it accepts.
 * A device compresses only for an LRS that declares gzip here: an LRS that does not
 * understand compressed bodies could otherwise refuse good statements as malformed.
 */
export const REQUEST_ENCODINGS_EXTENSION = 'https://baraza.invalid/xapi/extensions/request-encodings';

export function acceptsGzipRequests(about: unknown): boolean {
  if (typeof about !== 'object' || about === null || !('extensions' in about)) return false;
  const extensions = about.extensions;
  if (typeof extensions !== 'object' || extensions === null) return false;
  const encodings = (extensions as Record<string, unknown>)[REQUEST_ENCODINGS_EXTENSION];
  return Array.isArray(encodings) && encodings.includes('gzip');
}
