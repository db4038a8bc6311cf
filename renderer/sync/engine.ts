/**
 * The Dexie side of sync: push the outbox to an xAPI endpoint, pull a
 * learner's statements back. Rules (docs/sync.md): a statement leaves the
 * outbox only after the hub named its id in a 200; anything else leaves it
 * there, so a batch can always be sent again.
 * Bodies are gzipped when the LRS's About says it accepts gzip (see pushOutbox).
 */
import { acceptsGzipRequests, batches, classifyPostStatus, confirmedIds, resourceUrl, moreUrl, utf8Length, xapiHeaders, type HeldStatement, type SyncErrorCode, type SyncTarget } from '../../core/sync/protocol';
import { checkpointKey, learnerStatement, nextCheckpoint, sinceFor, storedOf } from '../../core/sync/pull';
import type { SyncReport } from '../../core/sync/protocol';
import { LEARNER_HOME_PAGE, type Statement } from '../../core/xapi/statement';
import type { BarazaDb, StatementRow } from '../db/database';
import { markSent, queuedRows, statementsFor, unsentCount } from '../db/statements';
import { heldStatements, holdStatement } from './held';
import { defaultFetch, exchange, isFailure, parseJson, reasonOf, statusFailure, type Failure, type FetchLike } from './transport';
import { gzip, GZIP_FROM_BYTES } from './gzip';

/**
 * Statements per POST. Gzipped, 500 of the app's statements are about 25 KB, and fewer round
 * trips matter most on a slow, high-latency link; as plain JSON they would be about 430 KB, so
 * an LRS that takes no gzip gets 200 (about 170 KB) per request.
 */
export const BATCH_GZIPPED = 500;
export const BATCH_PLAIN = 200;

export interface PushOptions {
  readonly maxStatements?: number;
  /** Well under the hub's 4 MiB body limit. */
  readonly maxBytes?: number;
  /** Gzip request bodies; by default only when the LRS's About resource says it accepts them. */
  readonly gzip?: boolean;
}

/** Whether the LRS declares that it accepts gzip request bodies; any doubt means no. */
async function lrsAcceptsGzip(target: SyncTarget, fetchImpl: FetchLike): Promise<boolean> {
  const reply = await exchange(fetchImpl, resourceUrl(target, 'about'), { method: 'GET', headers: xapiHeaders(target, false) });
  return !isFailure(reply) && reply.status === 200 && acceptsGzipRequests(parseJson(reply.text));
}

export interface PushResult {
  readonly pushed: number;
  readonly pending: number;
  readonly held: readonly HeldStatement[];
  /** True when the run ended early (offline, auth, server, too many refusals); the rest waits for the next run. */
  readonly stopped: boolean;
  readonly error?: SyncErrorCode;
  readonly detail?: string;
}

/**
 * If more statements than this in a row are refused with none accepted between,
 * the hub is probably refusing everything (wrong endpoint or version): stop
 * instead of holding the whole outbox back one statement at a time.
 */
const MAX_REFUSALS_WITHOUT_SUCCESS = 5;

export async function pushOutbox(db: BarazaDb, target: SyncTarget, fetchImpl: FetchLike = defaultFetch, options: PushOptions = {}): Promise<PushResult> {
  const alreadyHeld = new Set((await heldStatements(db, target)).map((h) => h.id));
  // Oldest first. The statements themselves are read a batch ahead, while the previous batch travels.
  const queued = await queuedRows(db, { except: alreadyHeld });
  const url = resourceUrl(target, 'statements');
  const compress = queued.length > 0 && (options.gzip ?? (await lrsAcceptsGzip(target, fetchImpl)));
  const maxStatements = options.maxStatements ?? (compress ? BATCH_GZIPPED : BATCH_PLAIN);
  let pushed = 0;
  let refusedInARow = 0;
  // Confirmed rows are marked while the next batch travels; the marks run in order, and
  // pushOutbox returns only when all are written (or throws if one could not be).
  let marking: Promise<void> = Promise.resolve();

  /** Sends rows; on a refusal that names no statement, splits them in halves until it can. */
  async function send(batch: readonly StatementRow[]): Promise<Failure | null> {
    const json = JSON.stringify(batch.map((r) => r.statement));
    const packed = compress && json.length >= GZIP_FROM_BYTES;
    const headers = { ...xapiHeaders(target, true), ...(packed ? { 'Content-Encoding': 'gzip' } : {}) };
    const reply = await exchange(fetchImpl, url, { method: 'POST', headers, body: packed ? await gzip(json) : json });
    if (isFailure(reply)) return reply;
    const outcome = classifyPostStatus(reply.status);
    if (outcome.kind === 'stop') return statusFailure(reply);
    if (outcome.kind === 'stored') {
      const ids = confirmedIds(
        batch.map((r) => r.id),
        parseJson(reply.text),
      );
      if (!ids) return { code: 'server', detail: `The endpoint answered 200 without confirming the ${batch.length} statements sent` };
      marking = marking.then(() => markSent(db, ids));
      marking.catch(() => undefined); // seen at the final await, not as an unhandled rejection
      pushed += ids.length;
      refusedInARow = 0;
      return null;
    }
    const [only] = batch;
    if (batch.length === 1 && only) {
      if (++refusedInARow > MAX_REFUSALS_WITHOUT_SUCCESS) return { code: outcome.code, detail: reasonOf(reply) };
      await holdStatement(db, target, { id: only.id, code: outcome.code, reason: reasonOf(reply) });
      return null;
    }
    // The hub stores a batch all or nothing, so neither half has been stored yet.
    const middle = Math.ceil(batch.length / 2);
    return (await send(batch.slice(0, middle))) ?? (await send(batch.slice(middle)));
  }

  let failure: Failure | null = null;
  const size = (r: StatementRow): number => utf8Length(JSON.stringify(r.statement));
  const load = (from: number): Promise<StatementRow[]> | null => (from < queued.length ? statementsFor(db, queued.slice(from, from + maxStatements)) : null);
  let next = load(0);
  for (let from = 0; next && !failure; from += maxStatements) {
    const rows = await next;
    next = load(from + maxStatements);
    next?.catch(() => undefined); // seen when awaited, not as an unhandled rejection
    for (const batch of batches(rows, maxStatements, options.maxBytes ?? 1024 * 1024, size)) {
      failure = await send(batch);
      if (failure) break;
    }
  }
  await marking;
  const held = await heldStatements(db, target);
  const pending = await unsentCount(db);
  const refusal = held.some((h) => h.code === 'conflict') ? 'conflict' : held.length ? 'rejected' : undefined;
  const error = failure?.code ?? refusal;
  const detail = failure?.detail ?? held[0]?.reason;
  return { pushed, pending, held, stopped: failure !== null, ...(error ? { error } : {}), ...(detail ? { detail } : {}) };
}

export interface PullResult {
  readonly pulled: number;
  /** Statements the hub returned that are not this learner's valid records; never stored. */
  readonly skipped: number;
  readonly checkpoint?: string;
  readonly error?: SyncErrorCode;
  readonly detail?: string;
}

const PAGE_LIMIT = 500;

/**
 * Stores the learner's statements the hub has and this device lacks, as
 * rows outside the outbox. The checkpoint (in settings, per hub and learner) moves only
 * after the last page, so an interrupted pull starts again from the old one.
 */
export async function pullLearner(db: BarazaDb, target: SyncTarget, learnerId: string, fetchImpl: FetchLike = defaultFetch): Promise<PullResult> {
  const key = checkpointKey(target.endpoint, learnerId);
  const previous = (await db.settings.get(key))?.value;
  const params = new URLSearchParams({ agent: JSON.stringify({ objectType: 'Agent', account: { homePage: LEARNER_HOME_PAGE, name: learnerId } }), ascending: 'true', limit: String(PAGE_LIMIT) });
  const since = sinceFor(previous);
  if (since) params.set('since', since);

  let url = `${resourceUrl(target, 'statements')}?${params.toString()}`;
  const visited = new Set<string>();
  let consistentThrough: string | null | undefined;
  let lastStored: string | undefined;
  let pulled = 0;
  let skipped = 0;
  for (;;) {
    visited.add(url);
    const reply = await exchange(fetchImpl, url, { method: 'GET', headers: xapiHeaders(target, false) });
    if (isFailure(reply)) return failedPull(pulled, skipped, reply);
    if (reply.status !== 200) return failedPull(pulled, skipped, statusFailure(reply));
    const page = statementResult(parseJson(reply.text));
    if (!page) return failedPull(pulled, skipped, { code: 'server', detail: 'The endpoint answered with something that is not a StatementResult' });
    if (consistentThrough === undefined) consistentThrough = reply.headers.get('X-Experience-API-Consistent-Through');
    const mine: Statement[] = [];
    for (const value of page.statements) {
      lastStored = storedOf(value) ?? lastStored;
      const statement = learnerStatement(value, learnerId);
      if (statement) mine.push(statement);
      else skipped++;
    }
    pulled += await storeFromHub(db, mine);
    if (!page.more) break;
    url = moreUrl(target, page.more);
    if (visited.has(url)) return failedPull(pulled, skipped, { code: 'server', detail: 'The endpoint sent a more link that goes round in a circle' });
  }
  const checkpoint = nextCheckpoint(previous, consistentThrough, lastStored);
  if (checkpoint && checkpoint !== previous) await db.settings.put({ key, value: checkpoint });
  return { pulled, skipped, ...(checkpoint ? { checkpoint } : {}) };
}

function failedPull(pulled: number, skipped: number, failure: Failure): PullResult {
  return { pulled, skipped, error: failure.code, detail: failure.detail };
}

/** Adds statements not already on the device, outside the outbox (the hub has them); a row already here is left as it is. */
async function storeFromHub(db: BarazaDb, statements: readonly Statement[]): Promise<number> {
  if (!statements.length) return 0;
  return db.transaction('rw', db.statements, async () => {
    const unique = [...new Map(statements.map((s) => [s.id, s])).values()];
    const existing = await db.statements.bulkGet(unique.map((s) => s.id));
    const fresh = unique.filter((_, i) => existing[i] === undefined);
    await db.statements.bulkAdd(fresh.map((s): StatementRow => ({ id: s.id, learnerId: s.actor.account.name, timestamp: s.timestamp, statement: s })));
    return fresh.length;
  });
}

function statementResult(body: unknown): { statements: readonly unknown[]; more: string } | null {
  if (typeof body !== 'object' || body === null || !('statements' in body) || !Array.isArray(body.statements)) return null;
  const more = 'more' in body && typeof body.more === 'string' ? body.more : '';
  return { statements: body.statements, more };
}

/** One run: push the outbox, then pull each learner. Pull is skipped when push could not reach the hub. */
export async function syncOnce(
  db: BarazaDb,
  target: SyncTarget,
  learnerIds: readonly string[],
  fetchImpl: FetchLike = defaultFetch,
  now: () => Date = () => new Date(),
  pushOptions: PushOptions = {},
): Promise<SyncReport> {
  const push = await pushOutbox(db, target, fetchImpl, pushOptions);
  const base = { pushed: push.pushed, pending: push.pending, ...(push.held.length ? { held: push.held } : {}) };
  // Held statements (conflict, rejected) do not stop a run; a stopped push does.
  if (push.stopped) return { ...base, pulled: 0, ...(push.error ? { error: push.error } : {}), ...(push.detail ? { detail: push.detail } : {}) };
  let pulled = 0;
  for (const learnerId of learnerIds) {
    const pull = await pullLearner(db, target, learnerId, fetchImpl);
    pulled += pull.pulled;
    if (pull.error) return { ...base, pulled, error: pull.error, ...(pull.detail ? { detail: pull.detail } : {}) };
  }
  return { ...base, pulled, lastSuccess: now().toISOString(), ...(push.error ? { error: push.error } : {}), ...(push.detail ? { detail: push.detail } : {}) };
}
