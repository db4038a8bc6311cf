/**
 * Forwarding's rows in the hub's PostgreSQL database, on a small pool of its own.
 * Statement writers take turns on an advisory lock and take their `seq` under it
 * (pgStore.ts), so `seq` follows the order of commits and a read "after the
 * checkpoint" cannot be overtaken by a statement committed later with a lower one.
 */
import type pg from 'pg';
import { createPgAttachments } from '../lrs/attachmentStore';
import { openSidePool, type PgConfig } from '../lrs/pgConnection';
import { migratePg } from '../lrs/pgMigrations';
import { inTransaction as inPgTransaction } from '../lrs/pgStore';
import { NO_CHECKPOINT, type ForwardRow, type ForwardStore, type HeldForward, type HeldRecord } from './forwardStore';

const HOLD = `INSERT INTO forward_held (upstream, statement_id, seq, code, reason, held_at, refusals, retry_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (upstream, statement_id) DO UPDATE SET code = EXCLUDED.code, reason = EXCLUDED.reason, held_at = EXCLUDED.held_at, refusals = EXCLUDED.refusals, retry_at = EXCLUDED.retry_at`;

interface HeldRow {
  statement_id: string;
  seq: string;
  code: HeldRecord['code'];
  reason: string;
  refusals: number;
  retry_at: string;
  held_at: string;
}

async function hold(db: pg.PoolClient, upstream: string, held: readonly HeldForward[], now: string): Promise<void> {
  for (const h of held) await db.query(HOLD, [upstream, h.id, h.seq, h.code, h.reason, now, h.refusals, h.retryAt]);
}

export function openPgForwardStore(config: PgConfig): ForwardStore {
  const pool = openSidePool(config, 'forwarding');
  const ready = migratePg(pool).then(() => undefined);
  ready.catch(() => undefined);
  const contents = createPgAttachments(pool, ready);
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> => {
    await ready;
    return pool.query<R>(text, values);
  };
  const inTransaction = async <T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> => {
    await ready;
    return inPgTransaction(pool, (db) => work(db));
  };
  return {
    async checkpoint(upstream) {
      const { rows } = await query<{ last_seq: string; last_stored: string; last_id: string; updated: string }>('SELECT last_seq, last_stored, last_id, updated FROM forward_checkpoints WHERE upstream = $1', [upstream]);
      const row = rows[0];
      return row ? { lastSeq: Number(row.last_seq), lastStored: row.last_stored, lastId: row.last_id, updated: row.updated } : NO_CHECKPOINT;
    },
    async lastSeq() {
      const { rows } = await query<{ n: string }>('SELECT COALESCE(MAX(seq), 0) AS n FROM statements');
      return Number(rows[0]?.n ?? 0);
    },
    async rowsAfter(afterSeq, untilSeq, limit) {
      const { rows } = await query<{ seq: string; id: string; stored: string; body: string }>('SELECT seq, id, stored, body FROM statements WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3', [afterSeq, untilSeq, limit]);
      return rows.map((r): ForwardRow => ({ seq: Number(r.seq), id: r.id, stored: r.stored, body: r.body }));
    },
    async countAfter(afterSeq) {
      const { rows } = await query<{ n: number }>('SELECT count(*)::int AS n FROM statements WHERE seq > $1', [afterSeq]);
      return rows[0]?.n ?? 0;
    },
    advance: (upstream, to, held) =>
      inTransaction(async (db) => {
        const now = new Date().toISOString();
        await hold(db, upstream, held, now);
        await db.query(
          `INSERT INTO forward_checkpoints (upstream, last_seq, last_stored, last_id, updated) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (upstream) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_stored = EXCLUDED.last_stored, last_id = EXCLUDED.last_id, updated = EXCLUDED.updated
           WHERE forward_checkpoints.last_seq < EXCLUDED.last_seq`,
          [upstream, to.seq, to.stored, to.id, now],
        );
      }),
    async held(upstream) {
      const { rows } = await query<HeldRow>('SELECT statement_id, seq, code, reason, refusals, retry_at, held_at FROM forward_held WHERE upstream = $1 ORDER BY seq', [upstream]);
      return rows.map((r): HeldRecord => ({ id: r.statement_id, seq: Number(r.seq), code: r.code, reason: r.reason, refusals: r.refusals, retryAt: r.retry_at, heldAt: r.held_at }));
    },
    async heldDue(upstream, now, limit) {
      const { rows } = await query<{ seq: string; id: string; stored: string; body: string; refusals: number }>(
        `SELECT s.seq, s.id, s.stored, s.body, h.refusals FROM forward_held h JOIN statements s ON s.seq = h.seq
         WHERE h.upstream = $1 AND h.retry_at <= $2 ORDER BY h.seq LIMIT $3`,
        [upstream, now, limit],
      );
      return rows.map((r) => ({ seq: Number(r.seq), id: r.id, stored: r.stored, body: r.body, refusals: r.refusals }));
    },
    settleHeld: (upstream, sent, refused) =>
      inTransaction(async (db) => {
        if (sent.length > 0) await db.query('DELETE FROM forward_held WHERE upstream = $1 AND statement_id = ANY($2::text[])', [upstream, [...sent]]);
        await hold(db, upstream, refused, new Date().toISOString());
      }),
    async release(upstream, ids) {
      const named = [...new Set(ids)];
      const { rows } = await query<{ statement_id: string; seq: string }>(
        `UPDATE forward_held SET retry_at = '' WHERE upstream = $1 AND ($2::text[] = '{}' OR statement_id = ANY($2::text[])) RETURNING statement_id, seq`,
        [upstream, named],
      );
      const released = rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map((r) => r.statement_id);
      const found = new Set(released);
      return { released: named.length === 0 ? released : named.filter((id) => found.has(id)), unknown: named.filter((id) => !found.has(id)) };
    },
    attachments: (sha2s) => contents.get(sha2s),
    close: () => pool.end(),
  };
}
