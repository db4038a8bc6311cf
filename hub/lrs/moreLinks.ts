/**
 * `more` links carry their whole query, so any hub process behind a load
 * balancer can continue it and none has to remember it. A client that edits
 * its link gains nothing: the learners it may see are looked up again from its
 * credentials on every page, never read from the link.
 */
import type { StatementFilter } from './store';

export const MAX_LIMIT = 500;

/** The query a link continues, without the client's learner list (looked up again). */
export interface MoreCursor {
  readonly filter: Omit<StatementFilter, 'actors' | 'after'>;
  readonly format: string;
  /** Key of the client that ran the query ('' while the hub has no clients). */
  readonly client: string;
  /** Sequence number of the last statement already sent. */
  readonly after: number;
}

const TEXT_FIELDS = ['agentKey', 'verb', 'activity', 'registration', 'since', 'until'] as const;
const FORMATS = new Set(['exact', 'ids', 'canonical']);

export function moreLink(cursor: MoreCursor): string {
  const { filter, format, client, after } = cursor;
  const token = Buffer.from(JSON.stringify({ f: filter, o: format, c: client, a: after })).toString('base64url');
  return `/xapi/statements?more=${token}`;
}

/** The cursor in a `more` token, or null when the token is not one this hub made. */
export function readMoreToken(token: string): MoreCursor | null {
  if (!/^[A-Za-z0-9_-]{1,8000}$/.test(token)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { f, o, c, a } = value as Record<string, unknown>;
  if (typeof o !== 'string' || !FORMATS.has(o) || typeof c !== 'string' || typeof a !== 'number' || !Number.isSafeInteger(a) || a < 0) return null;
  if (typeof f !== 'object' || f === null) return null;
  const given = f as Record<string, unknown>;
  const filter: { -readonly [K in keyof MoreCursor['filter']]: MoreCursor['filter'][K] } = { limit: 0 };
  if (typeof given.limit !== 'number' || !Number.isInteger(given.limit) || given.limit < 1 || given.limit > MAX_LIMIT) return null;
  filter.limit = given.limit;
  for (const name of TEXT_FIELDS) {
    const v = given[name];
    if (v === undefined) continue;
    if (typeof v !== 'string') return null;
    filter[name] = v;
  }
  if (given.ascending !== undefined && typeof given.ascending !== 'boolean') return null;
  filter.ascending = given.ascending === true;
  return { filter, format: o, client: c, after: a };
}
