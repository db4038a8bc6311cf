/**
 * Forwarding's rows in the hub's PostgreSQL database, on a small pool of its own.
 * Statement writers take turns on an advisory lock and take their `seq` under it
 * (pgStore.ts), so `seq` follows the order of commits and a read "after the
 * checkpoint" cannot be overtaken by a statement committed later with a lower one.
 */
import pg from 'pg';
import { migratePg } from '../lrs/pgMigrations';
import type { StorageConfig } from '../lrs/storage';
import { NO_CHECKPOINT, type ForwardRow, type ForwardStore, type HeldRecord } from './forwardStore';

type PgConfig = Extract<StorageConfig, { engine: 'postgres' }>;

/** The connection string with the schema as its search path, the way the hub's own pool sets it. */
function connectionString(config: PgConfig): string {
  if (config.schema === undefined) return config.url;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.schema)) throw new Error(`Not a usable schema name: ${config.schema}`);
  const url = new URL(config.url);
  url.searchParams.set('options', `-c search_path=${config.schema}`);
  return url.toString();
}

export function openPgForwardStore(config: PgConfig): ForwardStore {
  const pool = new pg.Pool({ connectionString: connectionString(config), max: 2 });
  pool.on('error', (err) => console.error(`PostgreSQL connection lost (forwarding): ${err.message}`));
  const ready = migratePg(pool);
  ready.catch(() => undefined);
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> => {
    await ready;
    return pool.query<R>(text, values);
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
    async advance(upstream, to, held) {
      await ready;
      const db = await pool.connect();
      try {
        await db.query('BEGIN');
        const now = new Date().toISOString();
        for (const h of held) {
          await db.query(
            `INSERT INTO forward_held (upstream, statement_id, seq, code, reason, held_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (upstream, statement_id) DO UPDATE SET code = EXCLUDED.code, reason = EXCLUDED.reason, held_at = EXCLUDED.held_at`,
            [upstream, h.id, h.seq, h.code, h.reason, now],
          );
        }
        await db.query(
          `INSERT INTO forward_checkpoints (upstream, last_seq, last_stored, last_id, updated) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (upstream) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_stored = EXCLUDED.last_stored, last_id = EXCLUDED.last_id, updated = EXCLUDED.updated
           WHERE forward_checkpoints.last_seq < EXCLUDED.last_seq`,
          [upstream, to.seq, to.stored, to.id, now],
        );
        await db.query('COMMIT');
      } catch (err) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        db.release();
      }
    },
    async held(upstream) {
      const { rows } = await query<{ statement_id: string; seq: string; code: HeldRecord['code']; reason: string; held_at: string }>(
        'SELECT statement_id, seq, code, reason, held_at FROM forward_held WHERE upstream = $1 ORDER BY seq',
        [upstream],
      );
      return rows.map((r): HeldRecord => ({ id: r.statement_id, seq: Number(r.seq), code: r.code, reason: r.reason, heldAt: r.held_at }));
    },
    close: () => pool.end(),
  };
}
