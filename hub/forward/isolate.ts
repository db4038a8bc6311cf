/**
 * Sends a batch upstream and reads the answer with the app's rules (docs/sync.md):
 * a 200 counts only when it names exactly the ids sent; a 409, 400 or 413 splits
 * the batch in halves until the refused statement is alone; anything else ends the
 * round. What to do with a stored batch or a refused statement is the caller's.
 */
import type { SyncTarget } from '../../core/sync/protocol';
import { classifyPostStatus, confirmedIds } from '../../core/sync/protocol';
import type { ForwardStore } from './forwardStore';
import { outgoingBody, type Outgoing } from './outgoing';
import { isFailure, postStatements, reasonOf, type ExchangeOptions, type Failure } from './upstreamHttp';

export interface Verdicts {
  /** The upstream confirmed every statement of `batch`. */
  stored(batch: readonly Outgoing[]): Promise<void>;
  /** The upstream refused this statement alone; a Failure ends the round. */
  refused(one: Outgoing, code: 'conflict' | 'rejected', reason: string): Promise<Failure | null>;
}

export interface Sender {
  readonly target: SyncTarget;
  readonly store: Pick<ForwardStore, 'attachments'>;
  /** Whether the upstream's About says it takes gzip bodies. */
  readonly gzip: boolean;
  readonly options: ExchangeOptions;
}

export async function sendIsolating(sender: Sender, batch: readonly Outgoing[], on: Verdicts): Promise<Failure | null> {
  const last = batch.at(-1);
  if (!last) return null;
  const body = await outgoingBody(batch, (sha2s) => sender.store.attachments(sha2s));
  const reply = await postStatements(sender.target, body, sender.gzip, sender.options);
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
      batch.map((o) => o.row.id),
      answer,
    );
    if (!ids) return { code: 'server', detail: `The upstream answered 200 without naming exactly the ${batch.length} statements sent, so they will be sent again` };
    await on.stored(batch);
    return null;
  }
  if (batch.length === 1) return on.refused(last, outcome.code, reasonOf(reply));
  // The upstream stores a batch all or nothing, so neither half has been stored yet.
  const middle = Math.ceil(batch.length / 2);
  return (await sendIsolating(sender, batch.slice(0, middle), on)) ?? (await sendIsolating(sender, batch.slice(middle), on));
}
