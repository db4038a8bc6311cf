/** A hub database as an earlier release left it: migrations up to a version, then rows written the old way. */
import Database from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_MIGRATIONS } from '../lrs/migrations';
import { PG_MIGRATIONS } from '../lrs/pgMigrations';
import type { StorageConfig } from '../lrs/storage';

export async function makeOlderSchema(config: StorageConfig, upTo: { readonly sqlite: number; readonly postgres: number }, rows: readonly string[]): Promise<void> {
  if (config.engine === 'sqlite') {
    const old = new Database(config.file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)');
    for (const m of SQLITE_MIGRATIONS.filter((m) => m.version <= upTo.sqlite)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations (version, applied) VALUES (?, ?)').run(m.version, new Date().toISOString());
    }
    for (const row of rows) old.exec(row);
    old.close();
    return;
  }
  const db = new pg.Client({ connectionString: config.url });
  await db.connect();
  try {
    await db.query(`SET search_path TO ${config.schema ?? 'public'}`);
    await db.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)');
    for (const m of PG_MIGRATIONS.filter((m) => m.version <= upTo.postgres)) {
      await db.query(m.sql);
      await db.query('INSERT INTO schema_migrations (version, applied) VALUES ($1, $2)', [m.version, new Date().toISOString()]);
    }
    for (const row of rows) await db.query(row);
  } finally {
    await db.end();
  }
}
