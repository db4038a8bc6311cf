/**
 * Forwarding's rows in the hub's SQLite file, on a connection of its own: WAL lets
 * it read while the hub writes, and busy_timeout makes it wait its turn to write.
 */
import { openHubDatabase } from '../lrs/statementStore';
import { NO_CHECKPOINT, type Checkpoint, type ForwardRow, type ForwardStore, type HeldForward, type HeldRecord } from './forwardStore';

interface CheckpointRow {
  last_seq: number;
  last_stored: string;
  last_id: string;
  updated: string;
}

export function openSqliteForwardStore(file: string): ForwardStore {
  const db = openHubDatabase(file);
  const advanceTo = db.prepare(
    `INSERT INTO forward_checkpoints (upstream, last_seq, last_stored, last_id, updated) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (upstream) DO UPDATE SET last_seq = excluded.last_seq, last_stored = excluded.last_stored, last_id = excluded.last_id, updated = excluded.updated
     WHERE excluded.last_seq > forward_checkpoints.last_seq`,
  );
  const hold = db.prepare(
    `INSERT INTO forward_held (upstream, statement_id, seq, code, reason, held_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (upstream, statement_id) DO UPDATE SET code = excluded.code, reason = excluded.reason, held_at = excluded.held_at`,
  );
  const advance = db.transaction((upstream: string, to: ForwardRow, held: readonly HeldForward[], now: string) => {
    for (const h of held) hold.run(upstream, h.id, h.seq, h.code, h.reason, now);
    advanceTo.run(upstream, to.seq, to.stored, to.id, now);
  });
  const settle = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  return {
    checkpoint: (upstream) =>
      settle((): Checkpoint => {
        const row = db.prepare('SELECT last_seq, last_stored, last_id, updated FROM forward_checkpoints WHERE upstream = ?').get(upstream) as CheckpointRow | undefined;
        return row ? { lastSeq: row.last_seq, lastStored: row.last_stored, lastId: row.last_id, updated: row.updated } : NO_CHECKPOINT;
      }),
    lastSeq: () => settle(() => (db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM statements').get() as { n: number }).n),
    rowsAfter: (afterSeq, untilSeq, limit) =>
      settle(() => db.prepare('SELECT seq, id, stored, body FROM statements WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').all(afterSeq, untilSeq, limit) as ForwardRow[]),
    countAfter: (afterSeq) => settle(() => (db.prepare('SELECT COUNT(*) AS n FROM statements WHERE seq > ?').get(afterSeq) as { n: number }).n),
    advance: (upstream, to, held) => settle(() => advance.immediate(upstream, to, held, new Date().toISOString())),
    held: (upstream) =>
      settle(() =>
        (db.prepare('SELECT statement_id, seq, code, reason, held_at FROM forward_held WHERE upstream = ? ORDER BY seq').all(upstream) as { statement_id: string; seq: number; code: HeldForward['code']; reason: string; held_at: string }[]).map(
          (r): HeldRecord => ({ id: r.statement_id, seq: r.seq, code: r.code, reason: r.reason, heldAt: r.held_at }),
        ),
      ),
    close: () => settle(() => void db.close()),
  };
}
