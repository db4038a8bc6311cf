/**
 * The storage engines of the sync benchmark: where a run's hub keeps its data, and the
 * raw insert loop each engine is compared with (the same rows, no HTTP, no checks).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { StatementRow } from '../hub/lrs/statementRows';
import { openHubDatabase } from '../hub/lrs/statementStore';
import { sqliteFile, type StorageConfig } from '../hub/lrs/storage';
import type { EngineName } from '../hub/lrs/store';

const INSERT_SQL = `INSERT INTO statements (id, stored, timestamp, verb, actor_key, object_agent_key, activity, registration, voids, body)
  VALUES (@id, @stored, @timestamp, @verb, @actorKey, @objectAgentKey, @activity, @registration, @voids, @body)`;
const PG_COLUMNS = ['id', 'stored', 'timestamp', 'verb', 'actor_key', 'object_agent_key', 'activity', 'registration', 'voids', 'body'] as const;
const PG_INSERT = `INSERT INTO statements (${PG_COLUMNS.join(', ')}) SELECT * FROM unnest(${PG_COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')})`;

/** Where one run's storage lives: a SQLite file in a temp folder, or a new PostgreSQL schema. */
export interface BenchEngine {
  readonly name: EngineName;
  readonly rawName: string;
  fresh(dir: string): Promise<StorageConfig>;
  /** Writes the rows into the (already migrated) statements table, one transaction per batch; returns milliseconds. */
  rawInsert(config: StorageConfig, batches: readonly StatementRow[][]): Promise<number>;
  drop(config: StorageConfig): Promise<void>;
}

export const sqlite: BenchEngine = {
  name: 'sqlite',
  rawName: 'better-sqlite3 prepared INSERT, one transaction per batch',
  fresh: async (dir) => ({ engine: 'sqlite', file: sqliteFile(dir) }),
  async rawInsert(config, batches) {
    if (config.engine !== 'sqlite') throw new Error('not a SQLite config');
    const db = openHubDatabase(config.file);
    try {
      const insert = db.prepare(INSERT_SQL);
      const write = db.transaction((rows: readonly StatementRow[]) => {
        for (const row of rows) insert.run(row);
      });
      const started = performance.now();
      for (const rows of batches) write.immediate(rows);
      return performance.now() - started;
    } finally {
      db.close();
    }
  },
  drop: async () => undefined,
};

async function onPg<T>(url: string, schema: string | undefined, work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    if (schema) await db.query(`SET search_path TO ${schema}`);
    return await work(db);
  } finally {
    await db.end();
  }
}

export function postgres(url: string): BenchEngine {
  return {
    name: 'postgres',
    rawName: 'one INSERT … SELECT FROM unnest(…) per batch, each in its own transaction',
    async fresh() {
      const schema = `bench_sync_${randomBytes(6).toString('hex')}`;
      await onPg(url, undefined, (db) => db.query(`CREATE SCHEMA ${schema}`));
      return { engine: 'postgres', url, schema };
    },
    async rawInsert(config, batches) {
      if (config.engine !== 'postgres') throw new Error('not a PostgreSQL config');
      return onPg(url, config.schema, async (db) => {
        const started = performance.now();
        for (const rows of batches) {
          await db.query('BEGIN');
          await db.query(PG_INSERT, [rows.map((r) => r.id), rows.map((r) => r.stored), rows.map((r) => r.timestamp), rows.map((r) => r.verb), rows.map((r) => r.actorKey), rows.map((r) => r.objectAgentKey), rows.map((r) => r.activity), rows.map((r) => r.registration), rows.map((r) => r.voids), rows.map((r) => r.body)]);
          await db.query('COMMIT');
        }
        return performance.now() - started;
      });
    },
    async drop(config) {
      if (config.engine === 'postgres' && config.schema) await onPg(url, undefined, (db) => db.query(`DROP SCHEMA IF EXISTS ${config.schema} CASCADE`));
    },
  };
}
