/**
 * Keeps a device in sync without anyone pressing a button: a run (push, then
 * pull) when the browser says it is online, when a cheap GET /about answers,
 * or when asked; after a network or server failure, another run after a
 * capped, fully jittered delay. One run at a time.
 */
import { acceptsGzipRequests, DEFAULT_BACKOFF, nextDelay, resourceUrl, shouldRetry, xapiHeaders, type BackoffPolicy, type SyncReport, type SyncTarget } from '../../core/sync/protocol';
import type { BarazaDb } from '../db/database';
import { unsentCount } from '../db/statements';
import { syncOnce } from './engine';
import { defaultFetch, exchange, isFailure, parseJson, type FetchLike } from './transport';

/** Schedules `fn` after `ms`; returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface OnlineEvents {
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
}

export interface SyncLoopOptions {
  readonly db: BarazaDb;
  readonly target: SyncTarget;
  readonly fetchImpl?: FetchLike;
  /** Whose statements to pull; every profile on this device unless told. */
  readonly learners?: () => Promise<readonly string[]>;
  readonly schedule?: Schedule;
  readonly random?: () => number;
  readonly now?: () => Date;
  readonly backoff?: BackoffPolicy;
  /** How often to probe the hub while nothing else is due. */
  readonly probeEveryMs?: number;
  /** `window` in the app; found on globalThis when not given. */
  readonly onlineEvents?: OnlineEvents;
}

type Listener = (report: SyncReport) => void;

const defaultSchedule: Schedule = (fn, ms) => {
  const handle = globalThis.setTimeout(fn, ms);
  return () => globalThis.clearTimeout(handle);
};

export class SyncLoop {
  private readonly listeners = new Set<Listener>();
  private latest: SyncReport = { pushed: 0, pulled: 0, pending: 0 };
  private running: Promise<SyncReport> | null = null;
  private runAgain = false;
  private failures = 0;
  private cancelTimer: (() => void) | null = null;
  private started = false;
  /** What the probe's About said about gzip, for the run it starts; that run need not ask again. */
  private probedGzip: boolean | undefined;
  private readonly fetchImpl: FetchLike;
  private readonly schedule: Schedule;
  private readonly onlineEvents: OnlineEvents | undefined;
  private readonly onOnline = (): void => void this.syncNow();

  constructor(private readonly options: SyncLoopOptions) {
    this.fetchImpl = options.fetchImpl ?? defaultFetch;
    this.schedule = options.schedule ?? defaultSchedule;
    this.onlineEvents = options.onlineEvents ?? globalOnlineEvents();
  }

  get report(): SyncReport {
    return this.latest;
  }

  /** Calls `listener` now with the latest report and after every run; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.latest);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.onlineEvents?.addEventListener('online', this.onOnline);
    this.later(0, () => void this.probe());
  }

  stop(): void {
    this.started = false;
    this.onlineEvents?.removeEventListener('online', this.onOnline);
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Runs now, or joins the run under way (which then runs once more for what arrived meanwhile). */
  syncNow(): Promise<SyncReport> {
    if (this.running) {
      this.runAgain = true;
      return this.running;
    }
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<SyncReport> {
    let report: SyncReport;
    do {
      this.runAgain = false;
      report = await this.runOnce();
    } while (this.runAgain && !shouldRetry(report.error));
    const retry = shouldRetry(report.error);
    this.failures = retry ? this.failures + 1 : 0;
    const lastSuccess = report.lastSuccess ?? this.latest.lastSuccess;
    this.latest = { ...report, ...(lastSuccess ? { lastSuccess } : {}) };
    for (const listener of this.listeners) listener(this.latest);
    if (retry) this.later(nextDelay(this.failures - 1, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random), () => void this.syncNow());
    else this.later(this.probeEveryMs, () => void this.probe());
    return this.latest;
  }

  private async runOnce(): Promise<SyncReport> {
    const { db, target } = this.options;
    try {
      const learners = await (this.options.learners ?? (() => allProfiles(db)))();
      const gzip = this.probedGzip;
      this.probedGzip = undefined;
      return await syncOnce(db, target, learners, this.fetchImpl, this.options.now, gzip === undefined ? {} : { gzip });
    } catch (err) {
      // Our own storage failed (quota, a closed database): keep the loop alive and say so.
      const pending = await unsentCount(db).catch(() => this.latest.pending);
      return { pushed: 0, pulled: 0, pending, error: 'server', detail: `This device could not read or write its records: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /** GET /about needs no version header and no credentials: a cheap "is the hub there?". */
  private async probe(): Promise<void> {
    const reply = await exchange(this.fetchImpl, resourceUrl(this.options.target, 'about'), { method: 'GET', headers: xapiHeaders(this.options.target, false) });
    if (!isFailure(reply) && reply.status === 200) {
      this.probedGzip = acceptsGzipRequests(parseJson(reply.text));
      await this.syncNow();
    } else this.later(this.probeEveryMs, () => void this.probe());
  }

  private later(ms: number, fn: () => void): void {
    if (!this.started) return;
    this.cancelTimer?.();
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      fn();
    }, ms);
  }

  private get probeEveryMs(): number {
    return this.options.probeEveryMs ?? 60_000;
  }
}

async function allProfiles(db: BarazaDb): Promise<string[]> {
  return db.profiles.toCollection().primaryKeys();
}

function globalOnlineEvents(): OnlineEvents | undefined {
  const g: unknown = globalThis;
  if (typeof g !== 'object' || g === null) return undefined;
  if (!('addEventListener' in g) || typeof g.addEventListener !== 'function') return undefined;
  if (!('removeEventListener' in g) || typeof g.removeEventListener !== 'function') return undefined;
  const add = g.addEventListener.bind(g);
  const remove = g.removeEventListener.bind(g);
  return { addEventListener: (type, fn) => add(type, fn), removeEventListener: (type, fn) => remove(type, fn) };
}
