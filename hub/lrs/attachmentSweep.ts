/**
 * Removes attachment content no statement names, such as the parts of a batch that
 * was refused after they were stored (the parts go first, so that a statement never
 * names missing content). Safe beside running hub processes:
 * - only content last received more than `graceMs` ago can go, far longer than a
 *   request takes from storing its parts to storing its statements;
 * - content once found named is marked `referenced` and never looked at again
 *   (statements are never deleted), and statements are read from where the last
 *   sweep ended (`attachment_sweeps`), so a sweep costs what arrived since.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { namedHashes } from './attachmentReply';
import { openSidePool } from './pgConnection';
import { migratePg, pgIsoTime } from './pgMigrations';
import { openHubDatabase } from './statementStore';
import type { StorageConfig } from './storage';
import type { Json } from './store';

export interface SweepResult {
  /** Statements read for the attachments they name. */
  readonly scanned: number;
  /** Contents removed. */
  readonly removed: number;
}

/** An hour: no request takes that long between storing its parts and its statements. */
export const SWEEP_GRACE_MS = 60 * 60_000;

const PAGE = 500;
// A prefilter only (the statement is parsed to be sure): as a key, "attachments" is followed by a colon.
const NAMES_ATTACHMENTS = '%"attachments":%';

interface SweepTable {
  lastSeq(): Promise<number>;
  watermark(): Promise<number>;
  /** Statements after `afterSeq`, up to `untilSeq`, that may name attachments. */
  candidates(afterSeq: number, untilSeq: number): Promise<{ seq: number; body: string }[]>;
  markReferenced(sha2s: readonly string[]): Promise<void>;
  /** Records that statements up to `untilSeq` were read, and removes unnamed content received before the grace. */
  finish(untilSeq: number, graceMs: number): Promise<number>;
  close(): Promise<void>;
}

function sqliteTable(db: Database.Database): SweepTable {
  const mark = db.prepare('UPDATE attachments SET referenced = 1 WHERE sha2 = ? AND referenced = 0');
  const finish = db.transaction((untilSeq: number, cutoff: string) => {
    db.prepare('UPDATE attachment_sweeps SET last_seq = max(last_seq, ?) WHERE id = 1').run(untilSeq);
    // '' is the column's default: content stored by code that does not say when is kept rather than risked.
    return db.prepare("DELETE FROM attachments WHERE referenced = 0 AND received <> '' AND received < ?").run(cutoff).changes;
  });
  return {
    lastSeq: async () => (db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM statements').get() as { n: number }).n,
    watermark: async () => (db.prepare('SELECT last_seq FROM attachment_sweeps WHERE id = 1').get() as { last_seq: number }).last_seq,
    candidates: async (afterSeq, untilSeq) => db.prepare('SELECT seq, body FROM statements WHERE seq > ? AND seq <= ? AND body LIKE ? ORDER BY seq LIMIT ?').all(afterSeq, untilSeq, NAMES_ATTACHMENTS, PAGE) as { seq: number; body: string }[],
    markReferenced: async (sha2s) => {
      db.transaction(() => sha2s.forEach((s) => mark.run(s)))();
    },
    finish: async (untilSeq, graceMs) => finish.immediate(untilSeq, new Date(Date.now() - graceMs).toISOString()),
    close: async () => void db.close(),
  };
}

function pgTable(pool: pg.Pool): SweepTable {
  const ready = migratePg(pool);
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => {
    await ready;
    return (await pool.query<R>(text, values)).rows;
  };
  return {
    lastSeq: async () => Number((await query<{ n: string }>('SELECT COALESCE(MAX(seq), 0) AS n FROM statements'))[0]?.n ?? 0),
    watermark: async () => Number((await query<{ last_seq: string }>('SELECT last_seq FROM attachment_sweeps WHERE id = 1'))[0]?.last_seq ?? 0),
    candidates: async (afterSeq, untilSeq) =>
      (await query<{ seq: string; body: string }>('SELECT seq, body FROM statements WHERE seq > $1 AND seq <= $2 AND body LIKE $3 ORDER BY seq LIMIT $4', [afterSeq, untilSeq, NAMES_ATTACHMENTS, PAGE])).map((r) => ({ seq: Number(r.seq), body: r.body })),
    markReferenced: async (sha2s) => {
      await query('UPDATE attachments SET referenced = TRUE WHERE sha2 = ANY($1::text[]) AND NOT referenced', [[...sha2s]]);
    },
    async finish(untilSeq, graceMs) {
      await query('UPDATE attachment_sweeps SET last_seq = GREATEST(last_seq, $1) WHERE id = 1', [untilSeq]);
      // The database's clock, as `received` is; a negative grace is in the future.
      const cutoff = pgIsoTime("clock_timestamp() - $1::float8 * interval '1 millisecond'");
      const removed = await query<{ sha2: string }>(`DELETE FROM attachments WHERE NOT referenced AND received < ${cutoff} RETURNING sha2`, [graceMs]);
      return removed.length;
    },
    close: () => pool.end(),
  };
}

function namedIn(body: string): string[] {
  try {
    return namedHashes(JSON.parse(body) as Json);
  } catch {
    return [];
  }
}

/** One sweep of the storage `config` names, on a connection of its own. */
export async function sweepAttachments(config: StorageConfig, graceMs = SWEEP_GRACE_MS): Promise<SweepResult> {
  const table = config.engine === 'sqlite' ? sqliteTable(openHubDatabase(config.file)) : pgTable(openSidePool(config, 'removing unused attachments', 1));
  try {
    const until = await table.lastSeq();
    let after = await table.watermark();
    let scanned = 0;
    while (after < until) {
      const page = await table.candidates(after, until);
      if (page.length === 0) break;
      await table.markReferenced([...new Set(page.flatMap((r) => namedIn(r.body)))]);
      scanned += page.length;
      after = page.at(-1)?.seq ?? until;
    }
    return { scanned, removed: await table.finish(until, graceMs) };
  } finally {
    await table.close();
  }
}
