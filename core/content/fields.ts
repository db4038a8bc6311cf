/**
 * Field readers for untrusted JSON. Every failure names the field, so an author
 * can find it; nothing here throws anything but ContentError.
 */
export class ContentError extends Error {
  constructor(
    readonly reason: 'missing' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'ContentError';
  }
}

export type Json = unknown;
export const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function fail(where: string, what: string): never {
  throw new ContentError('malformed', `${where}: ${what}`);
}

export function record(value: Json, where: string): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'expected an object');
  return value as Record<string, Json>;
}

export function str(obj: Record<string, Json>, key: string, where: string, opts: { optional?: boolean; max?: number } = {}): string {
  const value = obj[key];
  if (value === undefined && opts.optional) return '';
  if (typeof value !== 'string') fail(`${where}.${key}`, 'expected text');
  if (value.length > (opts.max ?? 200_000)) fail(`${where}.${key}`, 'text is too long');
  return value;
}

export function id(obj: Record<string, Json>, key: string, where: string): string {
  const value = str(obj, key, where);
  if (!ID.test(value)) fail(`${where}.${key}`, `"${value}" is not a valid id (lower-case letters, digits and dashes)`);
  return value;
}

export function num(obj: Record<string, Json>, key: string, where: string, min: number, max: number): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(`${where}.${key}`, `expected a number from ${min} to ${max}`);
  }
  return value;
}

export function list<T>(obj: Record<string, Json>, key: string, where: string, each: (v: Json, w: string) => T, max = 10_000): T[] {
  const value = obj[key];
  if (!Array.isArray(value)) fail(`${where}.${key}`, 'expected a list');
  if (value.length > max) fail(`${where}.${key}`, `more than ${max} entries`);
  return value.map((v, i) => each(v, `${where}.${key}[${i}]`));
}

export function text(value: Json, where: string): string {
  if (typeof value !== 'string') fail(where, 'expected text');
  return value;
}

export function uniqueIds<T extends { id: string }>(items: readonly T[], where: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) fail(where, `id "${item.id}" appears twice`);
    seen.add(item.id);
  }
}

export function localized(value: Json, where: string): Record<string, string> {
  const obj = record(value, where);
  const out: Record<string, string> = {};
  for (const [lang, t] of Object.entries(obj)) out[lang] = text(t, `${where}.${lang}`);
  return out;
}

