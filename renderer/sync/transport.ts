/** The few HTTP exchanges sync makes, each turned into a value: a reply, or the reason there is none. */
import type { SyncErrorCode } from '../../core/sync/protocol';

/** The part of `fetch` sync uses; tests and the hub test pass their own. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Called through globalThis each time, so a browser never sees an unbound `fetch` ("Illegal invocation"). */
export const defaultFetch: FetchLike = (url, init) => globalThis.fetch(url, init);

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface Failure {
  readonly code: SyncErrorCode;
  readonly detail: string;
}

/** A full reply (status, headers and body), or `offline` when the connection failed at any point. */
export async function exchange(fetchImpl: FetchLike, url: string, init: RequestInit): Promise<Reply | Failure> {
  try {
    const res = await fetchImpl(url, init);
    // Reading the body can fail too (the connection dropped mid-reply): that is still "offline".
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  } catch (err) {
    return { code: 'offline', detail: err instanceof Error ? err.message : String(err) };
  }
}

export function isFailure(value: Reply | Failure): value is Failure {
  return 'code' in value;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The LRS's reason for a refusal, short enough to log. */
export function reasonOf(reply: Reply): string {
  const body = parseJson(reply.text);
  const message = typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string' ? body.error : reply.text;
  return `${reply.status} ${message.slice(0, 300)}`.trim();
}

export function statusFailure(reply: Reply): Failure {
  return { code: reply.status === 401 || reply.status === 403 ? 'auth' : 'server', detail: reasonOf(reply) };
}
