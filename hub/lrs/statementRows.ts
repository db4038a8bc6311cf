/**
 * What both storage engines do the same way with statements: ids, conflicts,
 * the columns a statement is indexed by, and the hub's clock.
 */
import { randomUUID } from 'node:crypto';
import { normalizeStatement } from '../../core/xapi/normalize';
import { agentKey, sameStatement, StatementError } from '../../core/xapi/validate';
import type { Json } from './store';

export const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

export class ConflictError extends Error {
  constructor(readonly id: string) {
    super(`A different statement with id ${id} is already stored`);
    this.name = 'ConflictError';
  }
}

/** A batch with its ids settled: repeats inside it are checked and dropped. */
export interface Batch {
  /** The id of each statement sent, in order. */
  readonly ids: string[];
  /** Each distinct statement once, by id, in the order first seen, with its id set. */
  readonly distinct: Map<string, Json>;
}

/**
 * The values a statement is indexed by must be storable by both engines:
 * PostgreSQL's text cannot hold U+0000 (the JSON body can, escaped). They are
 * read from the statement as sent, which gives the row's values without building it.
 */
function checkStorable(input: Json, index: number): void {
  const columns = indexColumns(input);
  refuseNul(columns.actorKey, index, 'actor');
  refuseNul(columns.objectAgentKey ?? columns.activity, index, 'object');
  refuseNul(columns.verb, index, 'verb.id');
  refuseNul(input.timestamp === undefined ? null : String(input.timestamp), index, 'timestamp');
}

function refuseNul(value: string | null, index: number, path: string): void {
  if (value?.includes('\u0000')) throw new StatementError(`statements[${index}].${path}`, 'must not contain the character U+0000');
}

export function planBatch(statements: readonly Json[]): Batch {
  const ids: string[] = [];
  const distinct = new Map<string, Json>();
  for (const [index, input] of statements.entries()) {
    checkStorable(input, index);
    const id = typeof input.id === 'string' ? input.id.toLowerCase() : randomUUID();
    const earlier = distinct.get(id);
    // A copy only when the id changes: nothing downstream modifies a statement in place.
    const withId = input.id === id ? input : { ...input, id };
    if (earlier && !sameStatement(earlier, withId)) throw new ConflictError(id);
    if (!earlier) distinct.set(id, withId);
    ids.push(id);
  }
  return { ids, distinct };
}

/**
 * Whether a statement sent again matches the stored one. The hub filled in
 * `timestamp` when the first copy had none, so a resent copy without one still matches.
 */
export function matchesStored(storedBody: string, input: Json): boolean {
  const stored = JSON.parse(storedBody) as Json;
  if (input.timestamp === undefined) delete stored.timestamp;
  return sameStatement(stored, input);
}

export interface StatementRow {
  readonly id: string;
  readonly stored: string;
  readonly timestamp: string;
  readonly verb: string;
  readonly actorKey: string | null;
  readonly objectAgentKey: string | null;
  readonly activity: string | null;
  readonly registration: string | null;
  /** The id this statement voids, when it is a voiding statement. */
  readonly voids: string | null;
  readonly body: string;
}

/** The columns a statement is looked up by; normalizing leaves all of them as sent. */
type IndexColumns = Omit<StatementRow, 'id' | 'stored' | 'timestamp' | 'body'>;

function indexColumns(statement: Json): IndexColumns {
  const object = statement.object as Json;
  const verb = (statement.verb as Json).id as string;
  const context = statement.context as Json | undefined;
  return {
    verb,
    actorKey: agentKey(statement.actor),
    objectAgentKey: object.objectType === 'Agent' || object.objectType === 'Group' ? agentKey(object) : null,
    activity: object.objectType === undefined || object.objectType === 'Activity' ? (object.id as string) : null,
    registration: typeof context?.registration === 'string' ? context.registration.toLowerCase() : null,
    voids: verb === VOIDED ? String(object.id).toLowerCase() : null,
  };
}

/** `{a}` and `{b}` as the text of one object, a's properties first; either may be empty. */
function joinObjects(a: string, b: string): string {
  if (b === '{}') return a;
  if (a === '{}') return b;
  return `${a.slice(0, -1)},${b.slice(1)}`;
}

/** Sets `key` where the statement already has it, as a spread would, or else on `added`, which follows it. */
function place(statement: Json, added: Json, key: string, value: unknown): void {
  if (Object.hasOwn(statement, key)) statement[key] = value;
  else added[key] = value;
}

/**
 * The row for a new statement: the hub adds `stored` and `version`, and `timestamp` when missing,
 * sets `authority` when it is given one (replacing the sender's), and lists contextActivities.
 */
export function rowOf(input: Json, stored: string, authority?: Json): StatementRow {
  const statement = normalizeStatement(input);
  const timestamp = input.timestamp ?? stored;
  // The properties the statement lacks are serialised apart and joined on: V8 serialises an
  // object with properties added to it about twice as slowly. The text is the same.
  const added: Json = {};
  place(statement, added, 'stored', stored);
  place(statement, added, 'timestamp', timestamp);
  place(statement, added, 'version', input.version ?? '2.0.0');
  if (authority) place(statement, added, 'authority', authority);
  const body = joinObjects(JSON.stringify(statement), JSON.stringify(added));
  const c = indexColumns(statement);
  return { id: String(statement.id), stored, timestamp: String(timestamp), verb: c.verb, actorKey: c.actorKey, objectAgentKey: c.objectAgentKey, activity: c.activity, registration: c.registration, voids: c.voids, body };
}

/**
 * The `stored` time for a batch written now. It never goes below the last one
 * stored, so `stored` keeps the order of writing even if the clock steps back.
 */
export function storedTime(nowMs: number, lastStored: string | null | undefined): string {
  const last = lastStored ? Date.parse(lastStored) : Number.NaN;
  return new Date(Number.isNaN(last) ? Math.floor(nowMs) : Math.max(Math.floor(nowMs), last)).toISOString();
}

/**
 * Consistent-Through for a reader at `nowMs`: one millisecond back, because a
 * statement written later in the same millisecond gets that millisecond as its
 * `stored`, and a client asking `since` the header must still find it.
 */
export function consistentThroughAt(nowMs: number): string {
  return new Date(Math.floor(nowMs) - 1).toISOString();
}
