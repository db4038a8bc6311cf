/**
 * The PostgreSQL engine: several hub processes can share one database behind a
 * load balancer. Nothing here relies on being the only process:
 * - a batch of statements is one transaction; writers take turns on an advisory
 *   lock, so the `seq` and `stored` they give follow the order of their commits,
 *   and a reader that waits out the writer in progress knows everything stored
 *   up to its own clock is visible (Consistent-Through);
 * - State writes and enrolments are single statements (compare-and-swap, ON CONFLICT).
 * Times come from the database's clock, so hubs on machines whose clocks differ agree.
 */
import pg from 'pg';
import { createPgAttachments } from './attachmentStore';
import { ClientAccess } from './clients';
import { createPgClientTable, createPgStateRepository } from './pgDocuments';
import { pgConnectionString } from './pgConnection';
import { LOCK_STATEMENTS, migratePg } from './pgMigrations';
import { ConflictError, consistentThroughAt, matchesStored, planBatch, rowOf, storedTime, VOIDED, type Batch } from './statementRows';
import { POSTGRES, statementQuery } from './statementQuery';
import type { InsertResult, Json, LrsStore, StatementFilter, StatementPage, StatementRepository } from './store';

export interface PgOptions {
  /** postgresql://user:password@host:port/database */
  readonly url: string;
  /** A schema to keep the tables in instead of the default one (tests use one each). */
  readonly schema?: string;
  /** Connections per hub process. */
  readonly poolSize?: number;
}

/**
 * Runs `work` in one transaction on one connection; rolls back if it throws. `begin` may add
 * statements without parameters to BEGIN, sent in the same round trip; `work` gets the last one's rows.
 */
export async function inTransaction<T, R extends pg.QueryResultRow = pg.QueryResultRow>(pool: pg.Pool, work: (db: pg.PoolClient, begun: R[]) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const db = await pool.connect();
  try {
    // pg answers a text of several statements with one result per statement.
    const results: pg.QueryResult<R> | pg.QueryResult<R>[] = await db.query<R>(begin);
    const result = await work(db, (Array.isArray(results) ? results.at(-1) : results)?.rows ?? []);
    await db.query('COMMIT');
    return result;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
}

const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::float8';
/** The indexed columns, sent as text arrays; the body goes apart (see INSERT_ROWS). */
const COLUMNS = ['id', 'timestamp', 'verb', 'actor_key', 'object_agent_key', 'activity', 'registration', 'voids'] as const;
/**
 * BEGIN, the writers' lock, then the clock and the latest `stored`, in one round trip. The clock is
 * read in a statement of its own after the lock, so it sees everything the writer before committed.
 */
const BEGIN_LOCKED = `BEGIN; SELECT pg_advisory_xact_lock(${LOCK_STATEMENTS}, hashtext(current_schema()));
  SELECT ${NOW_MS} AS now_ms, (SELECT max(stored) FROM statements) AS last`;
/**
 * One statement for the whole batch; ORDER BY keeps `seq` in the order sent. The bodies come as one
 * JSON array, which costs far less to send than a text array of JSON; a body is JSON.stringify's
 * output, so PostgreSQL can always read it (no U+0000, no lone surrogate, both are escaped).
 * No ON CONFLICT: it costs every row a check, and a stored id is caught instead (see idTaken).
 */
const INSERT_ROWS = `INSERT INTO statements (stored, ${COLUMNS.join(', ')}, body)
  SELECT $1, ${COLUMNS.map((c) => `t.${c}`).join(', ')}, b.body
  FROM unnest(${COLUMNS.map((_, i) => `$${i + 2}::text[]`).join(', ')}) WITH ORDINALITY AS t(${COLUMNS.join(', ')}, n)
  JOIN json_array_elements_text($${COLUMNS.length + 2}::json) WITH ORDINALITY AS b(body, n) USING (n)
  ORDER BY n`;

/** The targets of the batch's voiding statements, and the batch's statements that a stored voiding statement names. */
const VOID_TARGETS = `UPDATE statements SET voided = TRUE
  WHERE verb <> $3 AND (id = ANY($1::text[]) OR (id = ANY($2::text[]) AND id IN (SELECT voids FROM statements WHERE voids = ANY($2::text[]))))`;

interface Clock {
  readonly now_ms: number;
  readonly last: string | null;
}

/** Whether an insert failed on an id already stored: a new row's only unique value is its id (seq comes from its sequence). */
function idTaken(err: unknown): boolean {
  return err instanceof pg.DatabaseError && err.code === '23505';
}

/** Writes new statements under the lock, all in one INSERT; returns how many were written. */
async function insertRows(db: pg.PoolClient, inputs: readonly Json[], clock: Clock | undefined, authority: Json | undefined): Promise<number> {
  if (inputs.length === 0) return 0;
  const stored = storedTime(clock?.now_ms ?? Date.now(), clock?.last);
  const rows = inputs.map((input) => rowOf(input, stored, authority));
  const arrays = [rows.map((r) => r.id), rows.map((r) => r.timestamp), rows.map((r) => r.verb), rows.map((r) => r.actorKey), rows.map((r) => r.objectAgentKey), rows.map((r) => r.activity), rows.map((r) => r.registration), rows.map((r) => r.voids)];
  const added = await db.query(INSERT_ROWS, [stored, ...arrays, JSON.stringify(rows.map((r) => r.body))]);
  const voids = rows.map((r) => r.voids).filter((v): v is string => v !== null);
  // Voided after all are in, so a batch may carry a statement and its voiding in either order, and a
  // statement whose voiding statement came in an earlier batch is voided on arrival. A voiding statement cannot itself be voided.
  await db.query(VOID_TARGETS, [voids, arrays[0], VOIDED]);
  return added.rowCount ?? 0;
}

/** A batch none of whose ids is stored yet, as nearly every batch is; null when one is (nothing was written). */
async function insertNew(pool: pg.Pool, { ids, distinct }: Batch, authority: Json | undefined): Promise<InsertResult | null> {
  try {
    return await inTransaction<InsertResult, Clock>(pool, async (db, [clock]) => ({ ids, added: await insertRows(db, [...distinct.values()], clock, authority) }), BEGIN_LOCKED);
  } catch (err) {
    if (idTaken(err)) return null;
    throw err;
  }
}

/** A batch that repeats stored ids: each must match the stored statement (else 409), and only the others are written. */
async function insertChecked(pool: pg.Pool, { ids, distinct }: Batch, authority: Json | undefined): Promise<InsertResult> {
  return inTransaction<InsertResult, Clock>(
    pool,
    async (db, [clock]) => {
      const existing = await db.query<{ id: string; body: string }>('SELECT id, body FROM statements WHERE id = ANY($1::text[])', [[...distinct.keys()]]);
      const have = new Map(existing.rows.map((r) => [r.id, r.body]));
      for (const [id, input] of distinct) {
        const body = have.get(id);
        if (body !== undefined && !matchesStored(body, input)) throw new ConflictError(id);
      }
      const fresh = [...distinct].filter(([id]) => !have.has(id)).map(([, input]) => input);
      return { ids, added: await insertRows(db, fresh, clock, authority) };
    },
    BEGIN_LOCKED,
  );
}

function statementRepository(pool: pg.Pool, ready: Promise<void>): StatementRepository {
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> => {
    await ready;
    return pool.query<R>(text, values);
  };
  return {
    async insert(list: readonly Json[], authority?: Json): Promise<InsertResult> {
      const batch = planBatch(list);
      await ready;
      // Written at once; a batch sent again after a lost answer fails on its first stored id and is then checked id by id.
      return (await insertNew(pool, batch, authority)) ?? insertChecked(pool, batch, authority);
    },

    async get(id: string, voided: boolean): Promise<Json | null> {
      const { rows } = await query<{ body: string; voided: boolean }>('SELECT body, voided FROM statements WHERE id = $1', [id.toLowerCase()]);
      const row = rows[0];
      return row && row.voided === voided ? (JSON.parse(row.body) as Json) : null;
    },

    async consistentThrough(): Promise<string> {
      // Waits for the batch being written, if any, then reads the clock: a batch written after that gets a later `stored`.
      const { rows } = await query<{ now_ms: number }>(
        `WITH waited AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared($1, hashtext(current_schema())))
         SELECT ${NOW_MS} AS now_ms FROM waited`,
        [LOCK_STATEMENTS],
      );
      return consistentThroughAt(rows[0]?.now_ms ?? Date.now());
    },

    async query(f: StatementFilter): Promise<StatementPage> {
      const built = statementQuery(f, POSTGRES);
      const { rows } = await query<{ seq: string; body: string }>(built.sql, built.values);
      const page = rows.slice(0, f.limit);
      const last = page.at(-1);
      return { statements: page.map((r) => JSON.parse(r.body) as Json), next: rows.length > f.limit && last ? Number(last.seq) : null };
    },

    async count(): Promise<number> {
      const { rows } = await query<{ n: number }>('SELECT count(*)::int AS n FROM statements');
      return rows[0]?.n ?? 0;
    },
  };
}

export function openPgStore(options: PgOptions): LrsStore {
  const pool = new pg.Pool({ connectionString: pgConnectionString({ engine: 'postgres', url: options.url, ...(options.schema !== undefined ? { schema: options.schema } : {}) }), max: options.poolSize ?? 10 });
  // A connection that breaks while idle (the server restarted) is dropped; without a listener it would end the process.
  pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
  const ready = migratePg(pool).then(() => undefined);
  // Callers learn of a failure from the methods (and from `ready`); this only keeps it from going unhandled.
  ready.catch(() => undefined);
  return {
    engine: 'postgres',
    ready,
    statements: statementRepository(pool, ready),
    states: createPgStateRepository(pool, ready),
    attachments: createPgAttachments(pool, ready),
    clients: new ClientAccess(createPgClientTable(pool, ready)),
    close: () => pool.end(),
  };
}
