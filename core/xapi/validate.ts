/**
 * Checks a statement against the xAPI 2.0 data rules before a hub stores it.
 * Every refusal names the property, so a client's author can fix it: the hub
 * answers 400 with this text. The rules for each part live beside this file.
 */
import { activity } from './activityRules';
import { agent, authority } from './agentRules';
import { attachments, context, statementRef } from './contextRules';
import { allowed, duration, extensions, fail, iri, isObject, languageMap, object, text, timestamp, uuid, type Json } from './jsonRules';
import { normalizeStatement } from './normalize';

export { StatementError } from './jsonRules';
export { agentKey } from './agentRules';

const VERSION = /^[12]\.0(\.\d+)?$/;
const STATEMENT_PROPERTIES = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments', 'objectType'];
const SUBSTATEMENT_PROPERTIES = ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];
const RESULT_PROPERTIES = ['score', 'success', 'completion', 'response', 'duration', 'extensions'];
const SCORE_PROPERTIES = ['scaled', 'raw', 'min', 'max'];
const VERB_PROPERTIES = ['id', 'display'];

function result(v: unknown, path: string): void {
  const r = object(v, path);
  allowed(r, path, RESULT_PROPERTIES);
  if (r.success !== undefined && typeof r.success !== 'boolean') fail(`${path}.success`, 'must be true or false');
  if (r.completion !== undefined && typeof r.completion !== 'boolean') fail(`${path}.completion`, 'must be true or false');
  if (r.response !== undefined) text(r.response, `${path}.response`);
  if (r.duration !== undefined) duration(r.duration, `${path}.duration`);
  if (r.extensions !== undefined) extensions(r.extensions, `${path}.extensions`);
  if (r.score === undefined) return;
  const s = object(r.score, `${path}.score`);
  allowed(s, `${path}.score`, SCORE_PROPERTIES);
  for (const k of SCORE_PROPERTIES) if (s[k] !== undefined && (typeof s[k] !== 'number' || !Number.isFinite(s[k]))) fail(`${path}.score.${k}`, 'must be a number');
  const { scaled, raw, min, max } = s as { scaled?: number; raw?: number; min?: number; max?: number };
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail(`${path}.score.scaled`, 'must be between -1 and 1');
  if (min !== undefined && max !== undefined && min > max) fail(`${path}.score.min`, 'must not be above max');
  if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max))) fail(`${path}.score.raw`, 'must be between min and max');
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
  allowed(s, path, sub ? SUBSTATEMENT_PROPERTIES : STATEMENT_PROPERTIES);
  if (!sub && s.objectType !== undefined) fail(`${path}.objectType`, 'is not a property of a statement');
  agent(s.actor, `${path}.actor`);
  const verb = object(s.verb, `${path}.verb`);
  allowed(verb, `${path}.verb`, VERB_PROPERTIES);
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
  if (s.attachments !== undefined) attachments(s.attachments, `${path}.attachments`);
}

/** Throws StatementError for the first problem found; returns the statement, typed as a record. */
export function validateStatement(value: unknown, path = 'statement'): Json {
  const s = object(value, path);
  if (s.id !== undefined) uuid(s.id, `${path}.id`);
  if (s.version !== undefined && (typeof s.version !== 'string' || !VERSION.test(s.version))) fail(`${path}.version`, 'must be 1.0.x or 2.0.x');
  if (s.stored !== undefined) timestamp(s.stored, `${path}.stored`);
  if (s.authority !== undefined) authority(s.authority, `${path}.authority`);
  body(s, path, false);
  return s;
}

/**
 * Two statements with the same id "match" when they say the same thing: the
 * properties the LRS sets (stored, authority, version) are left out, a single
 * context Activity equals a list of one, and key order does not count.
 */
export function sameStatement(a: Json, b: Json): boolean {
  const strip = ({ stored: _s, authority: _a, version: _v, ...rest }: Json): Json => normalizeStatement(rest);
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
