/**
 * Versioned schema changes for the hub's PostgreSQL store: the same tables as
 * SQLite's (migrations.ts), in PostgreSQL's types. Hub processes that start
 * together take turns on an advisory lock, so each step runs once, in order,
 * in a transaction (PostgreSQL's DDL is transactional).
 */
import type pg from 'pg';

/** A timestamptz expression as ISO 8601 text in UTC, the form the hub's times take everywhere. */
export const pgIsoTime = (time: string): string => `to_char((${time}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The database's clock, so hub processes on machines whose clocks differ agree. */
export const PG_NOW_ISO = pgIsoTime('clock_timestamp()');

// Text that is compared or sorted is kept in byte order ("C"), as SQLite does,
// so both engines order ISO times and stateIds the same way.
export const PG_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE statements (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        stored TEXT COLLATE "C" NOT NULL,
        timestamp TEXT NOT NULL,
        verb TEXT NOT NULL,
        actor_key TEXT,
        object_agent_key TEXT,
        activity TEXT,
        registration TEXT,
        voided BOOLEAN NOT NULL DEFAULT FALSE,
        voids TEXT,
        body TEXT NOT NULL
      );
      CREATE INDEX statements_actor ON statements (actor_key, seq);
      CREATE INDEX statements_object_agent ON statements (object_agent_key, seq);
      CREATE INDEX statements_verb ON statements (verb, seq);
      CREATE INDEX statements_activity ON statements (activity, seq);
      CREATE INDEX statements_registration ON statements (registration, seq);
      CREATE INDEX statements_stored ON statements (stored);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE state_documents (
        activity_id TEXT NOT NULL,
        agent_key TEXT NOT NULL,
        registration TEXT NOT NULL DEFAULT '',
        state_id TEXT COLLATE "C" NOT NULL,
        content BYTEA NOT NULL,
        content_type TEXT NOT NULL,
        etag TEXT NOT NULL,
        updated TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (activity_id, agent_key, registration, state_id)
      );
    `,
  },
  {
    version: 3,
    sql: `
      CREATE TABLE clients (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        salt TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        admin BOOLEAN NOT NULL DEFAULT FALSE,
        created TEXT NOT NULL
      );
      CREATE TABLE client_learners (
        client_key TEXT NOT NULL,
        agent_key TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (client_key, agent_key)
      );
    `,
  },
  {
    // Forwarding to an upstream LRS (hub/forward/); SQLite's version 5.
    version: 4,
    sql: `
      CREATE TABLE forward_checkpoints (
        upstream TEXT PRIMARY KEY,
        last_seq BIGINT NOT NULL,
        last_stored TEXT NOT NULL,
        last_id TEXT NOT NULL,
        updated TEXT NOT NULL
      );
      CREATE TABLE forward_held (
        upstream TEXT NOT NULL,
        statement_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        held_at TEXT NOT NULL,
        PRIMARY KEY (upstream, statement_id)
      );
    `,
  },
  {
    // Attachment payloads sent with statements; SQLite's version 6.
    version: 5,
    sql: `
      CREATE TABLE attachments (
        sha2 TEXT PRIMARY KEY,
        content_type TEXT NOT NULL,
        content BYTEA NOT NULL
      );
    `,
  },
  {
    // Held statements are sent again; SQLite's version 7.
    version: 6,
    sql: `
      ALTER TABLE forward_held ADD COLUMN refusals INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE forward_held ADD COLUMN retry_at TEXT COLLATE "C" NOT NULL DEFAULT '';
    `,
  },
  {
    // Removing content no statement names; SQLite's version 8. The default is the database's
    // clock, so a part stored by a hub process not yet upgraded is as recent as it is.
    version: 7,
    sql: `
      ALTER TABLE attachments ADD COLUMN received TEXT COLLATE "C" NOT NULL DEFAULT ${PG_NOW_ISO};
      ALTER TABLE attachments ADD COLUMN referenced BOOLEAN NOT NULL DEFAULT FALSE;
      CREATE INDEX attachments_unreferenced ON attachments (received) WHERE NOT referenced;
      CREATE TABLE attachment_sweeps (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq BIGINT NOT NULL);
      INSERT INTO attachment_sweeps (id, last_seq) VALUES (1, 0);
    `,
  },
  {
    // A statement that arrives after its voiding statement is voided on arrival (xAPI Data 2.3.2);
    // the partial index finds voiding statements by target, and targets already stored are voided now.
    version: 8,
    sql: `
      CREATE INDEX statements_voids ON statements (voids) WHERE voids IS NOT NULL;
      UPDATE statements SET voided = TRUE
        WHERE NOT voided AND verb <> 'http://adlnet.gov/expapi/verbs/voided' AND id IN (SELECT voids FROM statements WHERE voids IS NOT NULL);
    `,
  },
];

/** Advisory lock keys (first half); the second half is the schema's hash, so schemas do not wait on each other. */
export const LOCK_MIGRATE = 0x4261_7201;
export const LOCK_STATEMENTS = 0x4261_7202;

export async function migratePg(pool: pg.Pool): Promise<number> {
  const db = await pool.connect();
  try {
    for (const m of PG_MIGRATIONS) {
      await db.query('BEGIN');
      try {
        await db.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [LOCK_MIGRATE]);
        await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)');
        const done = await db.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (done.rowCount === 0) {
          await db.query(m.sql);
          await db.query('INSERT INTO schema_migrations (version, applied) VALUES ($1, $2)', [m.version, new Date().toISOString()]);
        }
        await db.query('COMMIT');
      } catch (err) {
        await db.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    db.release();
  }
  return Math.max(0, ...PG_MIGRATIONS.map((m) => m.version));
}
