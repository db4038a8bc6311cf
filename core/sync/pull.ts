/**
 * Pulling a learner's statements from a hub: the checkpoint that says how far
 * we have read, and the check a statement from the wire must pass before it
 * may sit beside the learner's own records.
 */
import { LEARNER_HOME_PAGE, type Statement } from '../xapi/statement';
import { StatementError, validateStatement } from '../xapi/validate';

/**
 * Each pull asks again for this much time before the checkpoint: a statement
 * stored in the same millisecond as the checkpoint, or by a second hub
 * process with a slightly slower clock, is read again rather than missed.
 * Reading one twice costs nothing: rows are keyed by statement id.
 */
export const PULL_OVERLAP_MS = 5_000;

/** The settings key under which the checkpoint for one learner on one hub lives. */
export function checkpointKey(endpoint: string, learnerId: string): string {
  return `sync.pulledThrough\u0000${endpoint}\u0000${learnerId}`;
}

/** The `since` to ask for, or undefined for the whole history. */
export function sinceFor(checkpoint: string | undefined, overlapMs = PULL_OVERLAP_MS): string | undefined {
  const at = checkpoint === undefined ? NaN : Date.parse(checkpoint);
  return Number.isNaN(at) ? undefined : new Date(at - overlapMs).toISOString();
}

/**
 * Where the next pull may start once every page has been read. The hub's
 * X-Experience-API-Consistent-Through (from the first page: everything stored
 * before it was in the result we paged through) is preferred; without it, the
 * last `stored` seen. A checkpoint never moves back.
 */
export function nextCheckpoint(previous: string | undefined, consistentThrough: string | null | undefined, lastStored: string | undefined): string | undefined {
  const candidates = [previous, consistentThrough ?? undefined, consistentThrough ? undefined : lastStored]
    .map((v) => (v === undefined ? NaN : Date.parse(v)))
    .filter((t) => !Number.isNaN(t));
  return candidates.length ? new Date(Math.max(...candidates)).toISOString() : undefined;
}

/** The statement, typed, when it is valid xAPI made by this learner's account agent; otherwise null. */
export function learnerStatement(value: unknown, learnerId: string): Statement | null {
  try {
    validateStatement(value);
  } catch (err) {
    if (err instanceof StatementError) return null;
    throw err;
  }
  return isLearnerStatement(value, learnerId) ? value : null;
}

function isLearnerStatement(value: unknown, learnerId: string): value is Statement {
  if (typeof value !== 'object' || value === null) return false;
  if (!('id' in value && typeof value.id === 'string' && 'timestamp' in value && typeof value.timestamp === 'string')) return false;
  if (!('actor' in value && typeof value.actor === 'object' && value.actor !== null && 'account' in value.actor)) return false;
  const account = value.actor.account;
  return typeof account === 'object' && account !== null && 'homePage' in account && account.homePage === LEARNER_HOME_PAGE && 'name' in account && account.name === learnerId;
}

/** The `stored` time the hub put on a statement, if any. */
export function storedOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'stored' in value && typeof value.stored === 'string' ? value.stored : undefined;
}
