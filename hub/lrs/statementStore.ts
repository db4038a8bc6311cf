/**
 * Statements in SQLite. A statement id is stored once: the same statement sent
 * again changes nothing, a different one under the same id is a conflict, so
 * clients can resend a whole batch after any failure. better-sqlite3 is
 * synchronous; sqliteStore.ts puts the hub's asynchronous interface over it.
 */
import Database from 'better-sqlite3';
import { migrate } from './migrations';
import { ConflictError, consistentThroughAt, matchesStored, planBatch, rowOf, storedTime, VOIDED, type StatementRow } from './statementRows';
import { SQLITE, statementQuery } from './statementQuery';
import type { InsertResult, Json, StatementFilter, StatementPage } from './store';

export { ConflictError };
export type { StatementFilter, StatementPage } from './store';

interface Row {
  seq: number;
  body: string;
}

/** The hub's SQLite database, migrated to the current schema; statements, state and clients share it. */
export function openHubDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Another process writing the same file (a CLI import beside a running hub) waits instead of failing.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Inserts a new statement's row; false when its id is already stored. Trying is cheaper than asking
 * first: nearly every statement is new, and a refused insert changes nothing (nor uses up a `seq`).
 */
function tryInsert(add: Database.Statement, r: StatementRow): boolean {
  try {
    add.run(r.id, r.stored, r.timestamp, r.verb, r.actorKey, r.objectAgentKey, r.activity, r.registration, r.voids, r.body);
    return true;
  } catch (err) {
    if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
    throw err;
  }
}

/** The statements a batch writes with, compiled once per database. */
interface Writes {
  readonly find: Database.Statement;
  readonly add: Database.Statement;
  readonly voidTarget: Database.Statement;
  /** New statements that a stored voiding statement names: voided on arrival. */
  readonly voidLate: Database.Statement;
  readonly lastStored: Database.Statement;
}

export class StatementStore {
  private writes: Writes | undefined;

  constructor(private readonly db: Database.Database) {}

  /** Closes the shared database, so the hub's other stores with it. */
  close(): void {
    this.db.close();
  }

  /** Stores statements all-or-nothing and returns their ids; see insertBatch. */
  insert(statements: readonly Json[], authority?: Json): string[] {
    return this.insertBatch(statements, authority).ids;
  }

  private prepared(): Writes {
    this.writes ??= {
      find: this.db.prepare('SELECT body FROM statements WHERE id = ?'),
      // Positional parameters: binding by name looks each one up on the row object.
      add: this.db.prepare(
        `INSERT INTO statements (id, stored, timestamp, verb, actor_key, object_agent_key, activity, registration, voids, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      voidTarget: this.db.prepare('UPDATE statements SET voided = 1 WHERE id = ? AND verb != ?'),
      voidLate: this.db.prepare('UPDATE statements SET voided = 1 WHERE id IN (SELECT voids FROM statements WHERE voids IN (SELECT value FROM json_each(?))) AND verb != ?'),
      lastStored: this.db.prepare('SELECT MAX(stored) AS last FROM statements'),
    };
    return this.writes;
  }

  /**
   * Stores statements all-or-nothing. Each gets an id if it has none, and the
   * hub's own `stored` time and `version`; the device's `timestamp` is kept as sent.
   */
  insertBatch(statements: readonly Json[], authority?: Json): InsertResult {
    const { ids, distinct } = planBatch(statements);
    const { find, add, voidTarget, voidLate, lastStored } = this.prepared();
    let added = 0;
    // IMMEDIATE takes the write lock first, so `stored` is read and written under it and keeps the order of commits.
    this.db
      .transaction(() => {
        const last = lastStored.get() as { last: string | null };
        const stored = storedTime(Date.now(), last.last);
        const rows: StatementRow[] = [];
        for (const [id, input] of distinct) {
          const row = rowOf(input, stored, authority);
          if (tryInsert(add, row)) {
            rows.push(row);
            continue;
          }
          // Already stored: sent again, which changes nothing, or a different statement under its id.
          const existing = find.get(id) as { body: string } | undefined;
          if (!existing) throw new Error(`The id ${id} is taken, yet no statement with it can be read`);
          if (!matchesStored(existing.body, input)) throw new ConflictError(id);
        }
        // Voided after all are in, so a batch may carry a statement and its voiding in either order,
        // and a statement whose voiding statement came in an earlier batch is voided on arrival.
        for (const row of rows) if (row.voids) voidTarget.run(row.voids, VOIDED);
        if (rows.length > 0) voidLate.run(JSON.stringify(rows.map((r) => r.id)), VOIDED);
        added = rows.length;
      })
      .immediate();
    return { ids, added };
  }

  /** One statement; a voided one only when asked for as voided. */
  get(id: string, voided: boolean): Json | null {
    const row = this.db.prepare('SELECT body, voided FROM statements WHERE id = ?').get(id.toLowerCase()) as { body: string; voided: number } | undefined;
    if (!row || Boolean(row.voided) !== voided) return null;
    return JSON.parse(row.body) as Json;
  }

  /** Writes in this process are synchronous, so everything stored before now is visible. */
  consistentThrough(): string {
    return consistentThroughAt(Date.now());
  }

  query(f: StatementFilter): StatementPage {
    const { sql, values } = statementQuery(f, SQLITE);
    const rows = this.db.prepare(sql).all(Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v]))) as Row[];
    const page = rows.slice(0, f.limit);
    return { statements: page.map((r) => JSON.parse(r.body) as Json), next: rows.length > f.limit ? (page.at(-1)?.seq ?? null) : null };
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n;
  }
}
