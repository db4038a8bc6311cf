import { parseArgs } from 'node:util';

export class UsageError extends Error {}

/** Parses `--name value` options and positionals; an unknown option is a usage error, not a crash. */
export function parse<const T extends Record<string, { type: 'string' | 'boolean' }>>(
  argv: readonly string[],
  options: T,
): { values: { [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean }; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as { [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean }, positionals };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export function required(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}
