/**
 * Sync by USB, the hub's side: stores the statements of a bundle file (format in
 * core/sync/bundle.ts) all-or-nothing, and `baraza hub import-bundle FILE --data DIR`
 * (into PostgreSQL instead when DATABASE_URL is set).
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BundleError, MAX_BUNDLE_BYTES, readBundle, tooLarge } from '../core/sync/bundle';
import { BUNDLE_AUTHORITY } from './lrs/authority';
import { describeStorage, openStorage, storageFromEnv } from './lrs/storage';
import { ConflictError } from './lrs/statementRows';
import type { StatementRepository } from './lrs/store';

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

const counted = (received: number, added: number): ImportResult => ({ received, added, alreadyHad: received - added });
const inBundleTerms = (err: unknown): unknown => (err instanceof ConflictError ? new BundleConflictError(err.id) : err);

/**
 * Into either engine. Throws BundleError for a damaged bundle and BundleConflictError for a clash;
 * either way nothing is stored.
 */
export async function importBundleInto(repo: StatementRepository, text: string): Promise<ImportResult> {
  const { statements } = readBundle(text);
  try {
    return counted(statements.length, (await repo.insert(statements, BUNDLE_AUTHORITY)).added);
  } catch (err) {
    throw inBundleTerms(err);
  }
}

const USAGE = 'Usage: baraza hub import-bundle FILE --data DIR   (--data is optional when DATABASE_URL is set)';

/** `baraza hub import-bundle FILE --data DIR`: 0 when imported, 1 when refused, 2 for a usage mistake. */
export async function runImportBundle(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
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
  const config = storageFromEnv(data, env);
  if (!file || !config) {
    console.error(USAGE);
    return 2;
  }
  const refuse = (reason: string): number => {
    console.error(`Nothing was imported from ${file}. ${reason}`);
    return 1;
  };
  if (config.engine === 'sqlite' && data !== undefined) {
    // A mistyped --data would otherwise start an empty hub that nobody reads.
    const folder = await stat(data).catch(() => null);
    if (!folder?.isDirectory()) return refuse(`There is no hub data folder at ${data}. Check the path given to --data.`);
  }
  const size = await stat(file).then((s) => (s.isFile() ? s.size : null)).catch(() => null);
  if (size === null) return refuse('There is no such file. Check the path to the bundle.');
  // Checked before reading so a huge file is never loaded into memory.
  if (size > MAX_BUNDLE_BYTES) return refuse(tooLarge().message);
  const text = await readFile(file, 'utf8');
  // The same storage as a hub started with the same --data and DATABASE_URL.
  const storage = openStorage(config);
  try {
    const result = await importBundleInto(storage.statements, text);
    console.log(`imported ${result.added} new statements (${result.alreadyHad} already here) from ${file}`);
    return 0;
  } catch (err) {
    if (err instanceof BundleError || err instanceof BundleConflictError) return refuse(err.message);
    return refuse(`The hub's records at ${describeStorage(config)} could not be reached: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await storage.close();
  }
}
