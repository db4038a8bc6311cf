/**
 * The SQL of a statement query, for both engines. xAPI Communication 2.1.3,
 * "Filter Conditions for StatementRefs": a statement whose object is a
 * StatementRef matches agent, verb, activity and registration when the
 * statement it targets matches them, recursively, voided targets included
 * (so the voiding statement is found by its target's verb). since, until,
 * the cursor and the limit apply to the statement returned.
 */
import type { StatementFilter } from './store';

export interface Dialect {
  /** The placeholder for the i-th value (1-based). */
  param(i: number): string;
  notVoided(alias: string): string;
  /** `actor_key` (of `alias`) is one of the agents in the value at `p`. */
  actorIn(alias: string, p: string): string;
  /** How the engine takes the list of actors as a value. */
  actorList(actors: readonly string[]): unknown;
  /** A JSON field of `alias`.body: objectType or id of the statement's object. */
  objectField(alias: string, field: 'objectType' | 'id'): string;
}

export const SQLITE: Dialect = {
  param: (i) => `@p${i}`,
  notVoided: (alias) => `${alias}.voided = 0`,
  actorIn: (alias, p) => `${alias}.actor_key IN (SELECT value FROM json_each(${p}))`,
  actorList: (actors) => JSON.stringify(actors),
  objectField: (alias, field) => `json_extract(${alias}.body, '$.object.${field}')`,
};

/**
 * PostgreSQL refuses to read JSON holding an escaped U+0000 or a lone surrogate,
 * which a statement's text may carry (JSON.stringify writes both as \u escapes).
 * Each such escape becomes \u0020, same length, so the JSON stays valid (even
 * where the backslash was itself escaped) and the two fields read, objectType
 * and a UUID, are unchanged.
 */
const PG_READABLE_BODY = (alias: string): string => `regexp_replace(${alias}.body, '\\\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\\\u0020', 'g')`;

export const POSTGRES: Dialect = {
  param: (i) => `$${i}`,
  notVoided: (alias) => `NOT ${alias}.voided`,
  actorIn: (alias, p) => `${alias}.actor_key = ANY(${p}::text[])`,
  actorList: (actors) => [...actors],
  objectField: (alias, field) => `((${PG_READABLE_BODY(alias)})::json -> 'object' ->> '${field}')`,
};

export interface BuiltQuery {
  readonly sql: string;
  readonly values: unknown[];
}

/** `SELECT seq, body` of one page: up to limit + 1 rows, so the caller can tell whether more remain. */
export function statementQuery(f: StatementFilter, d: Dialect): BuiltQuery {
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return d.param(values.length);
  };
  const agent = f.agentKey ? param(f.agentKey) : null;
  const verb = f.verb ? param(f.verb) : null;
  const activity = f.activity ? param(f.activity) : null;
  const registration = f.registration ? param(f.registration.toLowerCase()) : null;
  const actors = f.actors ? param(d.actorList(f.actors)) : null;
  /** What a statement (or the statement it targets) must match, for the table named `a`. */
  const matches = (a: string): string[] => [
    ...(agent ? [`(${a}.actor_key = ${agent} OR ${a}.object_agent_key = ${agent})`] : []),
    ...(verb ? [`${a}.verb = ${verb}`] : []),
    ...(activity ? [`${a}.activity = ${activity}`] : []),
    ...(registration ? [`${a}.registration = ${registration}`] : []),
  ];
  const where = [d.notVoided('s')];
  if (actors) where.push(d.actorIn('s', actors));
  if (f.since) where.push(`s.stored > ${param(f.since)}`);
  if (f.until) where.push(`s.stored <= ${param(f.until)}`);
  if (f.after !== undefined) where.push(`s.seq ${f.ascending ? '>' : '<'} ${param(f.after)}`);
  const order = `ORDER BY s.seq ${f.ascending ? 'ASC' : 'DESC'} LIMIT ${param(f.limit + 1)}`;
  if (!agent && !verb && !activity && !registration) return { sql: `SELECT s.seq, s.body FROM statements s WHERE ${where.join(' AND ')} ${order}`, values };

  // A client that sees only its learners is not told that another learner's statement matched.
  const targetMatches = [...matches('t'), ...(actors ? [d.actorIn('t', actors)] : [])];
  // Each branch keeps its index order and stops at the limit; the union then takes the page from both.
  const branch = (condition: string, alias: string): string => `SELECT ${alias}.seq, ${alias}.body FROM (SELECT s.seq, s.body FROM statements s WHERE ${condition} AND ${where.join(' AND ')} ${order}) ${alias}`;
  // Only rows whose object is neither an Activity nor an Agent can hold a StatementRef: the activity index finds them.
  const sql = `WITH RECURSIVE refs AS MATERIALIZED (
      SELECT r.id, lower(${d.objectField('r', 'id')}) AS target FROM statements r
      WHERE r.activity IS NULL AND r.object_agent_key IS NULL AND ${d.objectField('r', 'objectType')} = 'StatementRef'
    ), hits(id) AS (
      SELECT refs.id FROM refs JOIN statements t ON t.id = refs.target WHERE ${targetMatches.join(' AND ')}
      UNION
      SELECT refs.id FROM refs JOIN hits ON refs.target = hits.id
    )
    ${branch(matches('s').join(' AND '), 'direct')}
    UNION
    ${branch('s.id IN (SELECT id FROM hits)', 'targeting')}
    ORDER BY seq ${f.ascending ? 'ASC' : 'DESC'} LIMIT ${param(f.limit + 1)}`;
  return { sql, values };
}
