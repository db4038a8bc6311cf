/**
 * The three forms the Statements resource answers in (xAPI Communication 2.1.3,
 * `format`): exact, ids and canonical. Every form lists contextActivities as
 * arrays, whatever form the statement was stored in.
 */
import { normalizeStatement } from '../../core/xapi/normalize';
import type { Json } from './store';

export type StatementFormat = 'exact' | 'ids' | 'canonical';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;

/** An Agent or Group reduced to its identifier; an anonymous Group keeps its members, each reduced the same way. */
function agentIds(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Json = value.objectType === undefined ? {} : { objectType: value.objectType };
  for (const k of IFIS) if (value[k] !== undefined) out[k] = value[k];
  const identified = IFIS.some((k) => value[k] !== undefined);
  if (!identified && Array.isArray(value.member)) out.member = value.member.map(agentIds);
  return out;
}

/** An Activity as its id alone (objectType is optional for an Activity, and the 2.0 suite counts one key). */
const activityIds = (value: unknown): unknown => (isObject(value) ? { id: value.id } : value);

/** Applies `activity` to each Activity in a context's contextActivities and `agents` to its Agents and Groups. */
function mapContext(context: unknown, activity: (a: unknown) => unknown, agents: (a: unknown) => unknown): unknown {
  if (!isObject(context)) return context;
  const out: Json = { ...context };
  if (context.instructor !== undefined) out.instructor = agents(context.instructor);
  if (context.team !== undefined) out.team = agents(context.team);
  if (isObject(context.contextActivities)) {
    out.contextActivities = Object.fromEntries(Object.entries(context.contextActivities).map(([k, list]) => [k, Array.isArray(list) ? list.map(activity) : activity(list)]));
  }
  const members = (list: unknown, key: string): unknown => (Array.isArray(list) ? list.map((item) => (isObject(item) ? { ...item, [key]: agents(item[key]) } : item)) : list);
  if (context.contextAgents !== undefined) out.contextAgents = members(context.contextAgents, 'agent');
  if (context.contextGroups !== undefined) out.contextGroups = members(context.contextGroups, 'group');
  return out;
}

/** format=ids: "only include identifiers for Agent, Activity, Verb, Group Objects, and members of Anonymous groups". */
export function idsOnly(statement: Json, inside = false): Json {
  const out: Json = { ...statement, actor: agentIds(statement.actor) };
  if (isObject(statement.verb)) out.verb = { id: statement.verb.id };
  const object = statement.object;
  if (isObject(object)) {
    const type = object.objectType ?? 'Activity';
    if (type === 'Activity') out.object = activityIds(object);
    else if (type === 'Agent' || type === 'Group') out.object = agentIds(object);
    else if (type === 'SubStatement' && !inside) out.object = idsOnly(object, true);
  }
  if (statement.context !== undefined) out.context = mapContext(statement.context, activityIds, agentIds);
  if (statement.authority !== undefined) out.authority = agentIds(statement.authority);
  return out;
}

interface LanguageRange {
  readonly tag: string;
  readonly q: number;
}

/** Accept-Language's ranges, best first; ranges with q=0 are left out (RFC 9110 12.5.4). */
export function languageRanges(header: string | undefined): LanguageRange[] {
  if (!header) return [];
  const ranges = header.split(',').map((part, order) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
  });
  return ranges
    .filter((r) => r.tag !== '' && r.q > 0 && r.q <= 1)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map(({ tag, q }) => ({ tag, q }));
}

/**
 * The one entry of a language map the ranges prefer: RFC 4647 lookup, then an
 * entry the range covers, then (for no range) one in the same language
 * (en-GB asked, en-US held); the first entry when nothing fits.
 */
export function pickLanguage(map: Json, ranges: readonly LanguageRange[]): Json {
  const keys = Object.keys(map);
  if (keys.length <= 1) return map;
  const lower = keys.map((k) => k.toLowerCase());
  const byRange = (tag: string): number => {
    if (tag === '*') return 0;
    for (let t = tag; t; t = t.includes('-') ? t.slice(0, t.lastIndexOf('-')) : '') {
      const exact = lower.indexOf(t);
      if (exact >= 0) return exact;
    }
    return lower.findIndex((k) => k.startsWith(`${tag}-`));
  };
  const primary = (tag: string): number => lower.findIndex((k) => k.split('-')[0] === tag.split('-')[0]);
  const found = [...ranges.map((r) => byRange(r.tag)), ...ranges.map((r) => primary(r.tag))].find((i) => i >= 0) ?? 0;
  const key = keys[found] ?? '';
  return { [key]: map[key] };
}

/** format=canonical: every language map in verbs, Activity definitions and attachments cut to one language. */
export function canonical(statement: Json, ranges: readonly LanguageRange[], inside = false): Json {
  const one = (v: unknown): unknown => (isObject(v) ? pickLanguage(v, ranges) : v);
  const activity = (a: unknown): unknown => {
    if (!isObject(a) || !isObject(a.definition)) return a;
    const d: Json = { ...a.definition };
    if (d.name !== undefined) d.name = one(d.name);
    if (d.description !== undefined) d.description = one(d.description);
    for (const k of COMPONENT_LISTS) {
      const list = d[k];
      if (Array.isArray(list)) d[k] = list.map((c) => (isObject(c) && c.description !== undefined ? { ...c, description: one(c.description) } : c));
    }
    return { ...a, definition: d };
  };
  const out: Json = { ...statement };
  if (isObject(statement.verb) && statement.verb.display !== undefined) out.verb = { ...statement.verb, display: one(statement.verb.display) };
  const object = statement.object;
  if (isObject(object) && (object.objectType ?? 'Activity') === 'Activity') out.object = activity(object);
  if (isObject(object) && object.objectType === 'SubStatement' && !inside) out.object = canonical(object, ranges, true);
  if (statement.context !== undefined) out.context = mapContext(statement.context, activity, (a) => a);
  if (Array.isArray(statement.attachments)) {
    out.attachments = statement.attachments.map((a) => (isObject(a) ? { ...a, display: one(a.display), ...(a.description === undefined ? {} : { description: one(a.description) }) } : a));
  }
  return out;
}

/** A stored statement in the form a GET asked for. */
export function present(statement: Json, format: StatementFormat, acceptLanguage: string | undefined): Json {
  const listed = normalizeStatement(statement);
  if (format === 'ids') return idsOnly(listed);
  if (format === 'canonical') return canonical(listed, languageRanges(acceptLanguage));
  return listed;
}
