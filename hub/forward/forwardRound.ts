/**
 * One round of forwarding: the held statements due to be tried again, then every
 * statement stored here after the upstream's checkpoint, up to the last one stored
 * when the round began, POSTed upstream in stored order (isolate.ts has the rules):
 * - the checkpoint moves past a batch only when the upstream confirmed it; any
 *   other answer leaves it where it was, and the batch goes again next round (the
 *   upstream keeps one copy per id, so nothing doubles);
 * - a statement refused on its own (409, 400, 413) is held, recorded and reported,
 *   and the rest go on; it goes again later (HELD_RETRY) or when released;
 * - no answer, a 5xx, 401/403 or a reply that cannot be trusted ends the round.
 */
import { batches, type BackoffPolicy, type SyncErrorCode, type SyncTarget } from '../../core/sync/protocol';
import type { ForwardStore, HeldForward } from './forwardStore';
import { sendIsolating, type Sender, type Verdicts } from './isolate';
import { prepare, type Outgoing } from './outgoing';
import { upstreamKey } from './upstream';
import { probeUpstream, type ExchangeOptions, type Failure } from './upstreamHttp';

/**
 * A held statement was refused for what it is, so sending it again soon would only be refused again,
 * yet the upstream may be fixed without anyone touching this hub: each goes again on its own after an
 * hour, doubling to a day (a fixed upstream has everything within a day, a broken one costs a request
 * per statement a day), and at once after `baraza hub forward-release`. The times are kept in the
 * database, so a laptop that was off sends what fell due as soon as it starts.
 */
export const HELD_RETRY: BackoffPolicy = { baseMs: 60 * 60_000, capMs: 24 * 60 * 60_000 };

export interface RoundOptions extends ExchangeOptions {
  readonly maxStatements: number;
  /** Of one POST body; well under a Baraza hub's 4 MiB limit. */
  readonly maxBytes: number;
  readonly heldRetry: BackoffPolicy;
  /** The clock (ms since 1970) for when held statements fall due. */
  readonly now?: () => number;
}

export const DEFAULT_ROUND: Omit<RoundOptions, 'fetch'> = { maxStatements: 200, maxBytes: 1024 * 1024, timeoutMs: 60_000, heldRetry: HELD_RETRY };

export interface RoundResult {
  /** Statements the upstream confirmed in this round, held ones sent again included. */
  readonly sent: number;
  /** Statements the upstream refused in this round (again, for held ones), now held. */
  readonly held: readonly HeldForward[];
  /** Statements stored here after the checkpoint when the round ended (arrivals included). */
  readonly waiting: number;
  /** Why the round ended early; the rest waits for the next round. */
  readonly error?: SyncErrorCode;
  readonly detail?: string;
}

/**
 * If more statements than this in a row are refused with none accepted between,
 * the upstream is probably refusing everything (wrong address, an LRS that does not
 * speak this xAPI version): stop, instead of holding everything one statement at a time.
 */
const MAX_REFUSALS_WITHOUT_SUCCESS = 5;

/** When a statement refused for the `refusals`-th time goes again on its own. */
export function retryAt(refusals: number, nowMs: number, policy: BackoffPolicy): string {
  const wait = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(refusals - 1, 0), 40));
  return new Date(nowMs + wait).toISOString();
}

export async function forwardRound(store: ForwardStore, target: SyncTarget, options: RoundOptions): Promise<RoundResult> {
  const upstream = upstreamKey(target);
  const now = options.now ?? Date.now;
  const until = await store.lastSeq();
  let position = (await store.checkpoint(upstream)).lastSeq;
  const dueRows = await store.heldDue(upstream, new Date(now()).toISOString(), options.maxStatements);
  const due = dueRows.map(prepare);
  const refusalsBefore = new Map(dueRows.map((r) => [r.id, r.refusals]));
  const held: HeldForward[] = [];
  let sent = 0;
  let refusedInARow = 0;
  const end = async (failure: Failure | null): Promise<RoundResult> => ({
    sent,
    held,
    waiting: await store.countAfter(position),
    ...(failure ? { error: failure.code, detail: failure.detail } : {}),
  });
  if (position >= until && due.length === 0) return end(null);

  const probe = await probeUpstream(target, options);
  if ('code' in probe) return end(probe);
  const sender: Sender = { target, store, gzip: probe.gzip, options };
  const hold = (one: Outgoing, code: HeldForward['code'], reason: string, refusals: number): HeldForward => {
    const record: HeldForward = { id: one.row.id, seq: one.row.seq, code, reason, refusals, retryAt: retryAt(refusals, now(), options.heldRetry) };
    held.push(record);
    return record;
  };

  const advance = async (to: Outgoing, refused: readonly HeldForward[]): Promise<void> => {
    await store.advance(upstream, to.row, refused);
    position = Math.max(position, to.row.seq);
  };

  const again: Verdicts = {
    async stored(batch) {
      await store.settleHeld(upstream, batch.map((o) => o.row.id), []);
      sent += batch.length;
    },
    async refused(one, code, reason) {
      await store.settleHeld(upstream, [], [hold(one, code, reason, (refusalsBefore.get(one.row.id) ?? 0) + 1)]);
      return null;
    },
  };
  const fresh: Verdicts = {
    async stored(batch) {
      const last = batch.at(-1);
      if (last) await advance(last, []);
      sent += batch.length;
      refusedInARow = 0;
    },
    async refused(one, code, reason) {
      if (++refusedInARow > MAX_REFUSALS_WITHOUT_SUCCESS) return { code, detail: `The upstream refused ${refusedInARow} statements in a row (the last: ${reason}); is it the right address?` };
      await advance(one, [hold(one, code, reason, 1)]);
      return null;
    },
  };
  const sendAll = async (list: readonly Outgoing[], on: Verdicts): Promise<Failure | null> => {
    for (const batch of batches(list, options.maxStatements, options.maxBytes, (o) => o.bytes)) {
      const failure = await sendIsolating(sender, batch, on);
      if (failure) return failure;
    }
    return null;
  };

  // Held statements first: they were stored before everything after the checkpoint.
  const failure = await sendAll(due, again);
  if (failure) return end(failure);
  while (position < until) {
    const rows = await store.rowsAfter(position, until, options.maxStatements);
    if (rows.length === 0) break;
    const failed = await sendAll(rows.map(prepare), fresh);
    if (failed) return end(failed);
  }
  return end(null);
}
