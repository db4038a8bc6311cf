/** Versioned schema changes for the hub's SQLite store (pgMigrations.ts has PostgreSQL's); each runs once, in order, in a transaction. */
import type Database from 'better-sqlite3';

export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE statements (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        stored TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        verb TEXT NOT NULL,
        actor_key TEXT,
        object_agent_key TEXT,
        activity TEXT,
        registration TEXT,
        voided INTEGER NOT NULL DEFAULT 0,
        voids TEXT,
        body TEXT NOT NULL
      );
      CREATE INDEX statements_actor ON statements (actor_key, seq);
      CREATE INDEX statements_object_agent ON statements (object_agent_key, seq);
      CREATE INDEX statements_verb ON statements (verb, seq);
      CREATE INDEX statements_activity ON statements (activity, seq);
      CREATE INDEX statements_registration ON statements (registration, seq);
    `,
  },
  {
    // xAPI State resource; registration is '' when none, so it can sit in the primary key.
    version: 2,
    sql: `
      CREATE TABLE state_documents (
        activity_id TEXT NOT NULL,
        agent_key TEXT NOT NULL,
        registration TEXT NOT NULL DEFAULT '',
        state_id TEXT NOT NULL,
        content BLOB NOT NULL,
        content_type TEXT NOT NULL,
        etag TEXT NOT NULL,
        updated TEXT NOT NULL,
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
        admin INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
      );
      CREATE TABLE client_learners (
        client_key TEXT NOT NULL,
        agent_key TEXT NOT NULL,
        PRIMARY KEY (client_key, agent_key)
      );
    `,
  },
  {
    // `stored` orders and filters queries, and a new batch reads the latest one.
    version: 4,
    sql: 'CREATE INDEX statements_stored ON statements (stored);',
  },
  {
    // Forwarding to an upstream LRS (hub/forward/): how far each upstream has confirmed, by `seq`,
    // and the statements it refused, which the forwarder holds instead of resending in a loop.
    version: 5,
    sql: `
      CREATE TABLE forward_checkpoints (
        upstream TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL,
        last_stored TEXT NOT NULL,
        last_id TEXT NOT NULL,
        updated TEXT NOT NULL
      );
      CREATE TABLE forward_held (
        upstream TEXT NOT NULL,
        statement_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        held_at TEXT NOT NULL,
        PRIMARY KEY (upstream, statement_id)
      );
    `,
  },
  {
    // Attachment payloads sent with statements (multipart/mixed), once per SHA-2 (lower-case hex).
    version: 6,
    sql: `
      CREATE TABLE attachments (
        sha2 TEXT PRIMARY KEY,
        content_type TEXT NOT NULL,
        content BLOB NOT NULL
      );
    `,
  },
  {
    // Held statements are sent again (baraza hub forward-release, or on their own after a while).
    // retry_at '' is due at once, so statements held before this version are tried once more.
    version: 7,
    sql: `
      ALTER TABLE forward_held ADD COLUMN refusals INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE forward_held ADD COLUMN retry_at TEXT NOT NULL DEFAULT '';
    `,
  },
  {
    // Content no statement names is removed (attachmentSweep.ts): `received` (last stored) gives a
    // request between storing its parts and its statements time to finish; `referenced` is never unset.
    version: 8,
    sql: `
      ALTER TABLE attachments ADD COLUMN received TEXT NOT NULL DEFAULT '';
      ALTER TABLE attachments ADD COLUMN referenced INTEGER NOT NULL DEFAULT 0;
      UPDATE attachments SET received = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
      CREATE INDEX attachments_unreferenced ON attachments (received) WHERE referenced = 0;
      CREATE TABLE attachment_sweeps (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL);
      INSERT INTO attachment_sweeps (id, last_seq) VALUES (1, 0);
    `,
  },
  {
    // A statement that arrives after its voiding statement is voided on arrival (xAPI Data 2.3.2);
    // the partial index finds voiding statements by target, and targets already stored are voided now.
    version: 9,
    sql: `
      CREATE INDEX statements_voids ON statements (voids) WHERE voids IS NOT NULL;
      UPDATE statements SET voided = 1
        WHERE voided = 0 AND verb != 'http://adlnet.gov/expapi/verbs/voided' AND id IN (SELECT voids FROM statements WHERE voids IS NOT NULL);
    `,
  },
];

export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)');
  // Checked again under the write lock, so two processes opening one new file apply each step once.
  const apply = db.transaction((m: { version: number; sql: string }) => {
    if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return;
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations (version, applied) VALUES (?, ?)').run(m.version, new Date().toISOString());
  });
  for (const m of SQLITE_MIGRATIONS) apply.immediate(m);
  return Math.max(0, ...SQLITE_MIGRATIONS.map((m) => m.version));
}
