/**
 * Checks a statement against the xAPI 2.0 data rules before a hub stores it.
 * Every refusal names the property, so a client's author can fix it: the hub
 * answers 400 with this text.
 */

export class StatementError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'StatementError';
  }
}

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;
const LANG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$|^und$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const DURATION = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
const SHA1 = /^[0-9a-f]{40}$/i;
const VERSION = /^[12]\.0(\.\d+)?$/;

function fail(path: string, message: string): never {
  throw new StatementError(path, message);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, path: string): Json {
  if (!isObject(v)) fail(path, 'must be an object');
  return v;
}

/** Only the listed properties; none of them null (xAPI refuses null outside extensions). */
function allowed(obj: Json, path: string, keys: readonly string[]): void {
  for (const [key, value] of Object.entries(obj)) {
    if (!keys.includes(key)) fail(`${path}.${key}`, 'is not a property xAPI defines here');
    if (value === null) fail(`${path}.${key}`, 'must not be null');
  }
}

function iri(v: unknown, path: string): string {
  if (typeof v !== 'string' || !IRI.test(v) || v.length > 2048) fail(path, 'must be an absolute IRI');
  return v;
}

function uuid(v: unknown, path: string): string {
  if (typeof v !== 'string' || !UUID.test(v)) fail(path, 'must be a UUID');
  return v;
}

function text(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'must be a string');
  return v;
}

function timestamp(v: unknown, path: string): string {
  if (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(v))) fail(path, 'must be an ISO 8601 date and time with a time zone');
  return v;
}

function languageMap(v: unknown, path: string): void {
  const map = object(v, path);
  for (const [lang, value] of Object.entries(map)) {
    if (!LANG.test(lang)) fail(`${path}.${lang}`, 'is not a language tag');
    text(value, `${path}.${lang}`);
  }
}

function extensions(v: unknown, path: string): void {
  for (const key of Object.keys(object(v, path))) iri(key, `${path}[${JSON.stringify(key)}]`);
}

function agent(v: unknown, path: string, kind: 'Agent' | 'Group' | 'either' = 'either'): void {
  const a = object(v, path);
  const type = a.objectType ?? 'Agent';
  if (type !== 'Agent' && type !== 'Group') fail(`${path}.objectType`, 'must be Agent or Group');
  if (kind !== 'either' && type !== kind) fail(`${path}.objectType`, `must be ${kind}`);
  allowed(a, path, type === 'Group' ? ['objectType', 'name', 'member', 'mbox', 'mbox_sha1sum', 'openid', 'account'] : ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account']);
  const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => a[k] !== undefined);
  if (ifis.length > 1) fail(path, 'must have exactly one identifier (mbox, mbox_sha1sum, openid or account)');
  if (ifis.length === 0 && type === 'Agent') fail(path, 'needs one identifier: mbox, mbox_sha1sum, openid or account');
  if (ifis.length === 0 && (!Array.isArray(a.member) || a.member.length === 0)) fail(`${path}.member`, 'an anonymous group needs members');
  if (a.name !== undefined) text(a.name, `${path}.name`);
  if (a.mbox !== undefined && (typeof a.mbox !== 'string' || !/^mailto:[^@\s]+@[^@\s]+$/.test(a.mbox))) fail(`${path}.mbox`, 'must be a mailto: address');
  if (a.mbox_sha1sum !== undefined && (typeof a.mbox_sha1sum !== 'string' || !SHA1.test(a.mbox_sha1sum))) fail(`${path}.mbox_sha1sum`, 'must be a SHA-1 hex digest');
  if (a.openid !== undefined) iri(a.openid, `${path}.openid`);
  if (a.account !== undefined) {
    const acc = object(a.account, `${path}.account`);
    allowed(acc, `${path}.account`, ['homePage', 'name']);
    iri(acc.homePage, `${path}.account.homePage`);
    text(acc.name, `${path}.account.name`);
  }
  if (a.member !== undefined) {
    if (type !== 'Group' || !Array.isArray(a.member)) fail(`${path}.member`, 'belongs to a Group and must be a list');
    a.member.forEach((m, i) => agent(m, `${path}.member[${i}]`, 'Agent'));
  }
}

function activity(v: unknown, path: string): void {
  const a = object(v, path);
  allowed(a, path, ['objectType', 'id', 'definition']);
  if (a.objectType !== undefined && a.objectType !== 'Activity') fail(`${path}.objectType`, 'must be Activity');
  iri(a.id, `${path}.id`);
  if (a.definition === undefined) return;
  const d = object(a.definition, `${path}.definition`);
  allowed(d, `${path}.definition`, ['name', 'description', 'type', 'moreInfo', 'interactionType', 'correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps', 'extensions']);
  if (d.name !== undefined) languageMap(d.name, `${path}.definition.name`);
  if (d.description !== undefined) languageMap(d.description, `${path}.definition.description`);
  if (d.type !== undefined) iri(d.type, `${path}.definition.type`);
  if (d.moreInfo !== undefined) iri(d.moreInfo, `${path}.definition.moreInfo`);
  if (d.extensions !== undefined) extensions(d.extensions, `${path}.definition.extensions`);
  if (d.interactionType !== undefined && !['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'].includes(String(d.interactionType))) {
    fail(`${path}.definition.interactionType`, 'is not an xAPI interaction type');
  }
  if (d.correctResponsesPattern !== undefined && (!Array.isArray(d.correctResponsesPattern) || !d.correctResponsesPattern.every((p) => typeof p === 'string'))) {
    fail(`${path}.definition.correctResponsesPattern`, 'must be a list of strings');
  }
}

function statementRef(v: unknown, path: string): void {
  const r = object(v, path);
  allowed(r, path, ['objectType', 'id']);
  if (r.objectType !== 'StatementRef') fail(`${path}.objectType`, 'must be StatementRef');
  uuid(r.id, `${path}.id`);
}

function result(v: unknown, path: string): void {
  const r = object(v, path);
  allowed(r, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
  if (r.success !== undefined && typeof r.success !== 'boolean') fail(`${path}.success`, 'must be true or false');
  if (r.completion !== undefined && typeof r.completion !== 'boolean') fail(`${path}.completion`, 'must be true or false');
  if (r.response !== undefined) text(r.response, `${path}.response`);
  if (r.duration !== undefined && (typeof r.duration !== 'string' || !DURATION.test(r.duration))) fail(`${path}.duration`, 'must be an ISO 8601 duration');
  if (r.extensions !== undefined) extensions(r.extensions, `${path}.extensions`);
  if (r.score === undefined) return;
  const s = object(r.score, `${path}.score`);
  allowed(s, `${path}.score`, ['scaled', 'raw', 'min', 'max']);
  for (const k of ['scaled', 'raw', 'min', 'max']) if (s[k] !== undefined && (typeof s[k] !== 'number' || !Number.isFinite(s[k]))) fail(`${path}.score.${k}`, 'must be a number');
  const { scaled, raw, min, max } = s as { scaled?: number; raw?: number; min?: number; max?: number };
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail(`${path}.score.scaled`, 'must be between -1 and 1');
  if (min !== undefined && max !== undefined && min > max) fail(`${path}.score.min`, 'must not be above max');
  if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max))) fail(`${path}.score.raw`, 'must be between min and max');
}

function context(v: unknown, path: string, objectIsActivity: boolean): void {
  const c = object(v, path);
  allowed(c, path, ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions', 'contextAgents', 'contextGroups']);
  if (c.registration !== undefined) uuid(c.registration, `${path}.registration`);
  if (c.instructor !== undefined) agent(c.instructor, `${path}.instructor`);
  if (c.team !== undefined) agent(c.team, `${path}.team`, 'Group');
  if (c.revision !== undefined) text(c.revision, `${path}.revision`);
  if (c.platform !== undefined) text(c.platform, `${path}.platform`);
  if (!objectIsActivity && (c.revision !== undefined || c.platform !== undefined)) fail(path, 'revision and platform are only for statements about an Activity');
  if (c.language !== undefined && (typeof c.language !== 'string' || !LANG.test(c.language))) fail(`${path}.language`, 'must be a language tag');
  if (c.statement !== undefined) statementRef(c.statement, `${path}.statement`);
  if (c.extensions !== undefined) extensions(c.extensions, `${path}.extensions`);
  if (c.contextActivities !== undefined) {
    const ca = object(c.contextActivities, `${path}.contextActivities`);
    allowed(ca, `${path}.contextActivities`, ['parent', 'grouping', 'category', 'other']);
    for (const [k, list] of Object.entries(ca)) {
      const items = Array.isArray(list) ? list : [list];
      items.forEach((a, i) => activity(a, `${path}.contextActivities.${k}[${i}]`));
    }
  }
}

function statementObject(v: unknown, path: string, inSubStatement: boolean): boolean {
  const o = object(v, path);
  const type = o.objectType ?? 'Activity';
  switch (type) {
    case 'Activity':
      activity(o, path);
      return true;
    case 'Agent':
    case 'Group':
      agent(o, path);
      return false;
    case 'StatementRef':
      statementRef(o, path);
      return false;
    case 'SubStatement':
      if (inSubStatement) fail(path, 'a SubStatement cannot contain another SubStatement');
      body(o, path, true);
      return false;
    default:
      fail(`${path}.objectType`, 'must be Activity, Agent, Group, StatementRef or SubStatement');
  }
}

function body(s: Json, path: string, sub: boolean): void {
  allowed(s, path, sub ? ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'] : ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments', 'objectType']);
  if (!sub && s.objectType !== undefined) fail(`${path}.objectType`, 'is not a property of a statement');
  agent(s.actor, `${path}.actor`);
  const verb = object(s.verb, `${path}.verb`);
  allowed(verb, `${path}.verb`, ['id', 'display']);
  iri(verb.id, `${path}.verb.id`);
  if (verb.display !== undefined) languageMap(verb.display, `${path}.verb.display`);
  if (s.object === undefined) fail(`${path}.object`, 'is required');
  const aboutActivity = statementObject(s.object, `${path}.object`, sub);
  if (!sub && verb.id === 'http://adlnet.gov/expapi/verbs/voided' && (s.object as Json).objectType !== 'StatementRef') {
    fail(`${path}.object`, 'a voiding statement must point to the voided statement with a StatementRef');
  }
  if (s.result !== undefined) result(s.result, `${path}.result`);
  if (s.context !== undefined) context(s.context, `${path}.context`, aboutActivity);
  if (s.timestamp !== undefined) timestamp(s.timestamp, `${path}.timestamp`);
}

/** Throws StatementError for the first problem found; returns the statement, typed as a record. */
export function validateStatement(value: unknown, path = 'statement'): Json {
  const s = object(value, path);
  if (s.id !== undefined) uuid(s.id, `${path}.id`);
  if (s.version !== undefined && (typeof s.version !== 'string' || !VERSION.test(s.version))) fail(`${path}.version`, 'must be 1.0.x or 2.0.x');
  if (s.stored !== undefined) timestamp(s.stored, `${path}.stored`);
  if (s.authority !== undefined) agent(s.authority, `${path}.authority`);
  body(s, path, false);
  return s;
}

/** One string per identified agent or group, for indexing and matching the `agent` filter. */
export function agentKey(value: unknown): string | null {
  if (!isObject(value)) return null;
  if (typeof value.mbox === 'string') return `mbox:${value.mbox.toLowerCase()}`;
  if (typeof value.mbox_sha1sum === 'string') return `sha1:${value.mbox_sha1sum.toLowerCase()}`;
  if (typeof value.openid === 'string') return `openid:${value.openid}`;
  if (isObject(value.account) && typeof value.account.homePage === 'string' && typeof value.account.name === 'string') {
    return `account:${value.account.homePage}|${value.account.name}`;
  }
  return null;
}

/**
 * Two statements with the same id "match" when they say the same thing: the
 * properties the LRS sets (stored, authority, version) are left out, and key order
 * does not count.
 */
export function sameStatement(a: Json, b: Json): boolean {
  const strip = ({ stored: _s, authority: _a, version: _v, ...rest }: Json): Json => rest;
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
