/**
 * Sync by USB, the hub's side: stores the statements of a bundle file (format in
 * core/sync/bundle.ts) all-or-nothing, and `baraza hub import-bundle FILE --data DIR`.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BundleError, MAX_BUNDLE_BYTES, readBundle, tooLarge } from '../core/sync/bundle';
import { openStatementStore } from './hub';
import { ConflictError, type StatementStore } from './lrs/statementStore';

export interface ImportResult {
  /** Statements in the bundle. */
  readonly received: number;
  /** Newly stored by this import. */
  readonly added: number;
  /** Already on the hub (voided ones included), or repeated within the bundle. */
  readonly alreadyHad: number;
}

export class BundleConflictError extends Error {
  constructor(readonly id: string) {
    super(
      `This bundle holds a statement (id ${id}) that differs from another one with the same id, on the hub or in the bundle, so none of the bundle was imported. ` +
        'Keep the file and report it to whoever looks after this hub.',
    );
    this.name = 'BundleConflictError';
  }
}

type Store = Pick<StatementStore, 'insert' | 'get'>;

/** The ids among `ids` (lower case) that the store holds, voided or not. */
export function storedIds(store: Pick<StatementStore, 'get'>, ids: readonly string[]): Set<string> {
  return new Set(ids.filter((id) => store.get(id, false) !== null || store.get(id, true) !== null));
}

/** Throws BundleError for a damaged bundle and BundleConflictError for a clash; either way nothing is stored. */
export function importBundle(store: Store, text: string): ImportResult {
  const { statements } = readBundle(text);
  // readBundle guarantees every statement has an id; the store keeps ids in lower case.
  const ids = statements.map((s) => String(s.id).toLowerCase());
  const present = storedIds(store, ids);
  const counted = new Set<string>();
  let added = 0;
  for (const id of ids) {
    if (present.has(id) || counted.has(id)) continue;
    counted.add(id);
    added++;
  }
  try {
    store.insert(statements);
  } catch (err) {
    if (err instanceof ConflictError) throw new BundleConflictError(err.id);
    throw err;
  }
  return { received: statements.length, added, alreadyHad: statements.length - added };
}

const USAGE = 'Usage: baraza hub import-bundle FILE --data DIR';

/** `baraza hub import-bundle FILE --data DIR`: 0 when imported, 1 when refused, 2 for a usage mistake. */
export async function runImportBundle(argv: readonly string[]): Promise<number> {
  let file: string | undefined;
  let data: string | undefined;
  try {
    const parsed = parseArgs({ args: [...argv], options: { data: { type: 'string' } }, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== 1) throw new Error('Name exactly one bundle file.');
    file = parsed.positionals[0];
    data = parsed.values.data;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (!file || !data) {
    console.error(USAGE);
    return 2;
  }
  const refuse = (reason: string): number => {
    console.error(`Nothing was imported from ${file}. ${reason}`);
    return 1;
  };
  // A mistyped --data would otherwise start an empty hub that nobody reads.
  const folder = await stat(data).catch(() => null);
  if (!folder?.isDirectory()) return refuse(`There is no hub data folder at ${data}. Check the path given to --data.`);
  const size = await stat(file).then((s) => (s.isFile() ? s.size : null)).catch(() => null);
  if (size === null) return refuse('There is no such file. Check the path to the bundle.');
  // Checked before reading so a huge file is never loaded into memory.
  if (size > MAX_BUNDLE_BYTES) return refuse(tooLarge().message);
  const text = await readFile(file, 'utf8');
  // Same database file as createHub in hub.ts.
  const store = openStatementStore(data);
  try {
    const result = importBundle(store, text);
    console.log(`imported ${result.added} new statements (${result.alreadyHad} already here) from ${file}`);
    return 0;
  } catch (err) {
    if (err instanceof BundleError || err instanceof BundleConflictError) return refuse(err.message);
    throw err;
  } finally {
    store.close();
  }
}
