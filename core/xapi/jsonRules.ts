/**
 * The small rules every part of a statement is built from: objects, IRIs,
 * UUIDs, language maps, timestamps and durations as xAPI profiles ISO 8601.
 * Each refusal names the property, so a client's author can fix it.
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

export type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;
export const LANG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$|^und$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
/** ISO 8601 writes a zero offset as Z or +00:00; -00:00 is RFC 3339's "offset unknown", which xAPI does not allow. */
const NEGATIVE_ZERO_OFFSET = /-00(:?00)?$/;

export function fail(path: string, message: string): never {
  throw new StatementError(path, message);
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function object(v: unknown, path: string): Json {
  if (!isObject(v)) fail(path, 'must be an object');
  return v;
}

export function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'must be a list (a JSON array)');
  return v;
}

/** Only the listed properties; none of them null (xAPI refuses null outside extensions). */
export function allowed(obj: Json, path: string, keys: readonly string[]): void {
  // Keys, not entries: every object of every statement passes here, and entries allocates a pair per property.
  for (const key of Object.keys(obj)) {
    if (!keys.includes(key)) fail(`${path}.${key}`, 'is not a property xAPI defines here');
    if (obj[key] === null) fail(`${path}.${key}`, 'must not be null');
  }
}

export function required(obj: Json, path: string, keys: readonly string[]): void {
  for (const key of keys) if (obj[key] === undefined) fail(`${path}.${key}`, 'is required');
}

export function iri(v: unknown, path: string): string {
  if (typeof v !== 'string' || !IRI.test(v) || v.length > 2048) fail(path, 'must be an absolute IRI');
  return v;
}

export function uuid(v: unknown, path: string): string {
  if (typeof v !== 'string' || !UUID.test(v)) fail(path, 'must be a UUID');
  return v;
}

export function text(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'must be a string');
  return v;
}

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function timestamp(v: unknown, path: string): string {
  const match = typeof v === 'string' ? ISO_DATE.exec(v) : null;
  if (typeof v !== 'string' || !match || Number.isNaN(Date.parse(v))) fail(path, 'must be an ISO 8601 date and time with a time zone');
  // Date.parse rolls 30 February over into March; ISO 8601 has no such day.
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Every month has 28 days, so the calendar is asked only past them.
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysIn(year, month))) fail(path, 'is not a day of the calendar');
  if (NEGATIVE_ZERO_OFFSET.test(v)) fail(path, 'writes a zero time zone offset as -00:00; ISO 8601 needs Z or +00:00');
  return v;
}

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const WEEKS = new RegExp(`^P${NUMBER}W$`);
const DATE_TIME = new RegExp(`^P(?:(${NUMBER})Y)?(?:(${NUMBER})M)?(?:(${NUMBER})D)?(?:T(?:(${NUMBER})H)?(?:(${NUMBER})M)?(?:(${NUMBER})S)?)?$`);

/**
 * ISO 8601:2004 4.4.3.2, the format xAPI requires: PnYnMnDTnHnMnS or PnW. Weeks
 * stand alone ("P4W1D" is not valid), a T needs a time after it, and only the
 * last component given may have a fraction.
 */
export function isDuration(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  if (WEEKS.test(v)) return true;
  const match = DATE_TIME.exec(v);
  if (!match || v === 'P' || v.endsWith('T')) return false;
  const given = match.slice(1).filter((part): part is string => part !== undefined);
  return given.slice(0, -1).every((part) => /^\d+$/.test(part));
}

export function duration(v: unknown, path: string): string {
  if (typeof v !== 'string' || !isDuration(v)) fail(path, 'must be an ISO 8601 duration such as PT1H30M or P2W (weeks cannot be combined with other parts)');
  return v;
}

export function languageMap(v: unknown, path: string): void {
  const map = object(v, path);
  for (const lang of Object.keys(map)) {
    if (!LANG.test(lang)) fail(`${path}.${lang}`, 'is not a language tag');
    text(map[lang], `${path}.${lang}`);
  }
}

export function extensions(v: unknown, path: string): void {
  for (const key of Object.keys(object(v, path))) iri(key, `${path}[${JSON.stringify(key)}]`);
}
