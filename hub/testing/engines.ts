/**
 * Runs the hub's test suites once per storage engine: SQLite always, PostgreSQL
 * when BARAZA_TEST_DATABASE_URL names a database the tests may create schemas in
 * (`eval "$(bash hub/testing/postgres.sh)"` starts one; .ci/run does so in CI).
 * Every hub a test starts gets its own SQLite file or its own schema, so test
 * files running side by side never see each other's records.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { createHub, type Hub } from '../hub';
import { sqliteFile, type StorageConfig } from '../lrs/storage';
import type { EngineName } from '../lrs/store';

const PG_URL = process.env.BARAZA_TEST_DATABASE_URL?.trim() || undefined;
const PG_REQUIRED = process.env.BARAZA_REQUIRE_POSTGRES === '1';
const SKIP_REASON = 'PostgreSQL run skipped: BARAZA_TEST_DATABASE_URL is not set. It runs in CI (.ci/run starts a cluster); here: eval "$(bash hub/testing/postgres.sh)"';

if (PG_REQUIRED && !PG_URL) throw new Error('BARAZA_REQUIRE_POSTGRES=1 but BARAZA_TEST_DATABASE_URL is not set: the PostgreSQL run would be skipped');

export interface TestEngine {
  readonly name: EngineName;
  /** Storage no other test uses: a file in `dir`, or a new schema. */
  fresh(dir: string): Promise<StorageConfig>;
  /** What `baraza hub …` needs in its environment to reach the same storage. */
  env(config: StorageConfig): NodeJS.ProcessEnv;
  /** Removes what fresh() made outside `dir`. */
  drop(config: StorageConfig): Promise<void>;
}

const sqlite: TestEngine = {
  name: 'sqlite',
  fresh: async (dir) => ({ engine: 'sqlite', file: sqliteFile(dir) }),
  env: () => ({}),
  drop: async () => undefined,
};

async function admin<T>(url: string, work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

function postgres(url: string): TestEngine {
  return {
    name: 'postgres',
    async fresh() {
      const schema = `hub_test_${randomBytes(6).toString('hex')}`;
      await admin(url, (db) => db.query(`CREATE SCHEMA ${schema}`));
      return { engine: 'postgres', url, schema };
    },
    env(config) {
      if (config.engine !== 'postgres') return {};
      const u = new URL(config.url);
      if (config.schema) u.searchParams.set('options', `-c search_path=${config.schema}`);
      return { DATABASE_URL: u.toString() };
    },
    async drop(config) {
      if (config.engine === 'postgres' && config.schema) await admin(url, (db) => db.query(`DROP SCHEMA IF EXISTS ${config.schema} CASCADE`));
    },
  };
}

export const ENGINES: readonly TestEngine[] = PG_URL ? [sqlite, postgres(PG_URL)] : [sqlite];

/** `describe` once per engine, the engine's name in the title; PostgreSQL's is skipped, with the reason, when none is set up. */
export function describeEachEngine(title: string, body: (engine: TestEngine) => void): void {
  for (const engine of ENGINES) describe(`${title} [${engine.name}]`, () => body(engine));
  if (!PG_URL) {
    // Without a PostgreSQL server the same tests cannot run here; the skipped block names itself
    // and the reason in the report, and .ci/run (BARAZA_REQUIRE_POSTGRES=1) makes CI run it instead.
    console.warn(SKIP_REASON);
    describe.skip(`${title} [postgres] (${SKIP_REASON})`, () => body(postgres('postgresql://unused')));
  }
}

export interface RunningHub {
  readonly hub: Hub;
  readonly dir: string;
  readonly config: StorageConfig;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  /** Stops the hub and keeps its storage (for a restart on the same storage). */
  close(): Promise<void>;
  /** Stops the hub (if still running) and removes the storage it made. */
  stop(): Promise<void>;
}

/** A hub on 127.0.0.1 with its own storage, or on `config` to share another hub's (a second hub process, a restart). */
export async function startHub(engine: TestEngine, config?: StorageConfig): Promise<RunningHub> {
  const dir = await mkdtemp(join(tmpdir(), `baraza-hub-${engine.name}-`));
  const own = config === undefined;
  const storage = config ?? (await engine.fresh(dir));
  const hub = createHub(dir, storage);
  await hub.storage.ready;
  await new Promise<void>((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= hub.close());
  return {
    hub,
    dir,
    config: storage,
    base: `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}`,
    close,
    async stop() {
      await close();
      if (own) await engine.drop(storage);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
