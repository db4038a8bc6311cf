/**
 * Forwarding as a running hub does it: a round now, then another whenever
 * statements are waiting or held ones fall due (released, or HELD_RETRY in
 * forwardRound.ts), checked every few seconds; after a round that could not
 * finish (no connection, the upstream failing), again after a delay with full
 * jitter (2 s doubling to at most 15 minutes), so many hubs coming back online at
 * once do not hit the upstream in lockstep. One line goes to the log whenever
 * something was sent or held, or the problem changed.
 */
import { DEFAULT_BACKOFF, nextDelay, type BackoffPolicy, type SyncErrorCode, type SyncTarget } from '../../core/sync/protocol';
import { problemWords } from './forwardReport';
import type { ForwardStore } from './forwardStore';
import { DEFAULT_ROUND, forwardRound, type RoundOptions, type RoundResult } from './forwardRound';
import { upstreamKey } from './upstream';
import type { FetchLike } from './upstreamHttp';

export interface ForwarderOptions {
  readonly target: SyncTarget;
  readonly store: ForwardStore;
  readonly fetch?: FetchLike;
  readonly round?: Partial<Omit<RoundOptions, 'fetch'>>;
  /** How often to look for new statements when everything was sent. */
  readonly idleMs?: number;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly log?: (line: string) => void;
}

export interface ForwardStatus {
  readonly upstream: string;
  /** Statements confirmed by the upstream since this hub started. */
  readonly sent: number;
  /** Statements refused by the upstream and held, all time. */
  readonly held: number;
  readonly waiting: number;
  /** ISO time the last round ended, well or not; undefined before the first. */
  readonly lastRound?: string;
  /** ISO time of the last round that finished without a problem. */
  readonly lastSuccess?: string;
  readonly error?: SyncErrorCode;
  readonly detail?: string;
}

export interface Forwarder {
  /** One round now (after the one running, if any). */
  round(): Promise<RoundResult>;
  status(): ForwardStatus;
  /** Stops the timer, cuts a request in flight, and waits for the round to end. */
  stop(): Promise<void>;
}

function describeRound(upstream: string, result: RoundResult, retryMs: number | null): string {
  const parts = [`${result.sent} sent`, `${result.waiting} waiting`];
  if (result.held.length > 0) {
    const named = result.held.slice(0, 3).map((h) => `${h.id}: ${h.reason}`);
    const more = result.held.length > 3 ? `; ${result.held.length - 3} more in baraza hub forward-status` : '';
    parts.push(`${result.held.length} held (${named.join('; ')}${more})`);
  }
  const problem = result.error ? `; ${problemWords(result.error, result.detail)}` : '';
  const retry = retryMs === null ? '' : `; trying again in ${Math.max(1, Math.round(retryMs / 1000))} s`;
  return `forward to ${upstream}: ${parts.join(', ')}${problem}${retry}`;
}

/** Starts forwarding at once; `stop()` before closing the store. */
export function startForwarder(options: ForwarderOptions): Forwarder {
  const upstream = upstreamKey(options.target);
  const stopping = new AbortController();
  const roundOptions: RoundOptions = { ...DEFAULT_ROUND, ...options.round, fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)), signal: stopping.signal };
  const idleMs = options.idleMs ?? 5_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const log = options.log ?? ((line: string) => console.log(line));
  let status: ForwardStatus = { upstream, sent: 0, held: 0, waiting: 0 };
  let attempt = 0;
  let lastLogged = '';
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RoundResult> = Promise.resolve({ sent: 0, held: [], waiting: 0 });

  async function once(): Promise<RoundResult> {
    let result: RoundResult;
    let held = status.held;
    try {
      result = await forwardRound(options.store, options.target, roundOptions);
      held = (await options.store.held(upstream)).length;
    } catch (err) {
      // This hub's own database failed (PostgreSQL restarting, a full disk): try again like any other failure.
      result = { sent: 0, held: [], waiting: status.waiting, error: 'server', detail: `this hub could not read or write its own records: ${err instanceof Error ? err.message : String(err)}` };
    }
    const { error, detail } = result;
    const lastRound = new Date().toISOString();
    const lastSuccess = error ? status.lastSuccess : lastRound;
    status = { upstream, sent: status.sent + result.sent, held, waiting: result.waiting, lastRound, ...(lastSuccess ? { lastSuccess } : {}), ...(error ? { error, ...(detail ? { detail } : {}) } : {}) };
    return result;
  }

  function schedule(result: RoundResult): void {
    if (stopped) return;
    const retryMs = result.error ? nextDelay(attempt++, backoff, options.random) : null;
    if (!result.error) attempt = 0;
    const problem = result.error ? `${result.error}:${result.detail ?? ''}` : '';
    if (result.sent > 0 || result.held.length > 0 || problem !== lastLogged) log(describeRound(upstream, result, retryMs));
    lastLogged = problem;
    timer = setTimeout(tick, retryMs ?? idleMs);
    timer.unref();
  }

  function tick(): void {
    timer = undefined;
    running = running.then(once);
    void running.then(schedule);
  }

  tick();

  return {
    round() {
      running = running.then(once);
      return running;
    },
    status: () => status,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      // A request in flight would otherwise hold the hub's shutdown for up to the request deadline.
      stopping.abort();
      await running;
    },
  };
}
