/**
 * One round of forwarding: every statement stored here after the upstream's
 * checkpoint, up to the last one stored when the round began, POSTed upstream in
 * stored order, with the rules the app follows (docs/sync.md):
 * - the checkpoint moves past a batch only when the upstream's 200 names exactly
 *   the ids sent; any other answer leaves it where it was, and the batch goes
 *   again next round (the upstream keeps one copy per id, so nothing doubles);
 * - a 409 or 400 (or 413) splits the batch until the refused statement is alone;
 *   that one is held, recorded and reported, and the rest go on;
 * - no answer, a 5xx, 401/403 or a reply that cannot be trusted ends the round.
 */
import { batches, classifyPostStatus, confirmedIds, type SyncErrorCode, type SyncTarget } from '../../core/sync/protocol';
import type { ForwardRow, ForwardStore, HeldForward } from './forwardStore';
import { upstreamKey } from './upstream';
import { isFailure, postStatements, probeUpstream, reasonOf, type ExchangeOptions, type Failure } from './upstreamHttp';

export interface RoundOptions extends ExchangeOptions {
  readonly maxStatements: number;
  /** Of one POST body; well under a Baraza hub's 4 MiB limit. */
  readonly maxBytes: number;
}

export const DEFAULT_ROUND: Omit<RoundOptions, 'fetch'> = { maxStatements: 200, maxBytes: 1024 * 1024, timeoutMs: 60_000 };

export interface RoundResult {
  /** Statements the upstream confirmed in this round. */
  readonly sent: number;
  /** Statements the upstream refused in this round, now held. */
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

/** The statement as the upstream should get it: `stored` is each LRS's own. */
function outgoing(row: ForwardRow): unknown {
  const { stored: _stored, ...statement } = JSON.parse(row.body) as Record<string, unknown>;
  return statement;
}

export async function forwardRound(store: ForwardStore, target: SyncTarget, options: RoundOptions): Promise<RoundResult> {
  const upstream = upstreamKey(target);
  const until = await store.lastSeq();
  let position = (await store.checkpoint(upstream)).lastSeq;
  const held: HeldForward[] = [];
  let sent = 0;
  let refusedInARow = 0;
  const end = async (failure: Failure | null): Promise<RoundResult> => ({
    sent,
    held,
    waiting: await store.countAfter(position),
    ...(failure ? { error: failure.code, detail: failure.detail } : {}),
  });
  if (position >= until) return end(null);

  const probe = await probeUpstream(target, options);
  if ('code' in probe) return end(probe);
  const compress = probe.gzip;

  const advance = async (to: ForwardRow, refused: readonly HeldForward[]): Promise<void> => {
    await store.advance(upstream, to, refused);
    position = Math.max(position, to.seq);
  };

  /** Sends rows; on a refusal that names no statement, splits them in halves until it can. */
  async function send(batch: readonly ForwardRow[]): Promise<Failure | null> {
    const last = batch.at(-1);
    if (!last) return null;
    const reply = await postStatements(target, JSON.stringify(batch.map(outgoing)), compress, options);
    if (isFailure(reply)) return reply;
    const outcome = classifyPostStatus(reply.status);
    if (outcome.kind === 'stop') return { code: outcome.code, detail: reasonOf(reply) };
    if (outcome.kind === 'stored') {
      let answer: unknown;
      try {
        answer = JSON.parse(reply.text);
      } catch {
        answer = undefined;
      }
      const ids = confirmedIds(
        batch.map((r) => r.id),
        answer,
      );
      if (!ids) return { code: 'server', detail: `The upstream answered 200 without naming exactly the ${batch.length} statements sent, so they will be sent again` };
      await advance(last, []);
      sent += ids.length;
      refusedInARow = 0;
      return null;
    }
    if (batch.length === 1) {
      if (++refusedInARow > MAX_REFUSALS_WITHOUT_SUCCESS) return { code: outcome.code, detail: `The upstream refused ${refusedInARow} statements in a row (the last: ${reasonOf(reply)}); is it the right address?` };
      const refused: HeldForward = { id: last.id, seq: last.seq, code: outcome.code, reason: reasonOf(reply) };
      await advance(last, [refused]);
      held.push(refused);
      return null;
    }
    // The upstream stores a batch all or nothing, so neither half has been stored yet.
    const middle = Math.ceil(batch.length / 2);
    return (await send(batch.slice(0, middle))) ?? (await send(batch.slice(middle)));
  }

  const size = (row: ForwardRow): number => Buffer.byteLength(row.body);
  while (position < until) {
    const rows = await store.rowsAfter(position, until, options.maxStatements);
    if (rows.length === 0) break;
    for (const batch of batches(rows, options.maxStatements, options.maxBytes, size)) {
      const failure = await send(batch);
      if (failure) return end(failure);
    }
  }
  return end(null);
}
