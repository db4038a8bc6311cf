/**
 * Forwarding's rows in the hub's SQLite file, on a connection of its own: WAL lets
 * it read while the hub writes, and busy_timeout makes it wait its turn to write.
 */
import { SqliteAttachments } from '../lrs/attachmentStore';
import { openHubDatabase } from '../lrs/statementStore';
import { NO_CHECKPOINT, type Checkpoint, type DueRow, type ForwardRow, type ForwardStore, type HeldForward, type HeldRecord, type Release } from './forwardStore';

interface CheckpointRow {
  last_seq: number;
  last_stored: string;
  last_id: string;
  updated: string;
}

interface HeldRow {
  statement_id: string;
  seq: number;
  code: HeldForward['code'];
  reason: string;
  refusals: number;
  retry_at: string;
  held_at: string;
}

const settle = <T>(work: () => T): Promise<T> => {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
};

export function openSqliteForwardStore(file: string): ForwardStore {
  const db = openHubDatabase(file);
  const contents = new SqliteAttachments(db);
  const advanceTo = db.prepare(
    `INSERT INTO forward_checkpoints (upstream, last_seq, last_stored, last_id, updated) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (upstream) DO UPDATE SET last_seq = excluded.last_seq, last_stored = excluded.last_stored, last_id = excluded.last_id, updated = excluded.updated
     WHERE excluded.last_seq > forward_checkpoints.last_seq`,
  );
  const hold = db.prepare(
    `INSERT INTO forward_held (upstream, statement_id, seq, code, reason, held_at, refusals, retry_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (upstream, statement_id) DO UPDATE SET code = excluded.code, reason = excluded.reason, held_at = excluded.held_at, refusals = excluded.refusals, retry_at = excluded.retry_at`,
  );
  const forget = db.prepare('DELETE FROM forward_held WHERE upstream = ? AND statement_id = ?');
  const releaseOne = db.prepare("UPDATE forward_held SET retry_at = '' WHERE upstream = ? AND statement_id = ?");
  const holdAll = (upstream: string, held: readonly HeldForward[], now: string): void => {
    for (const h of held) hold.run(upstream, h.id, h.seq, h.code, h.reason, now, h.refusals, h.retryAt);
  };
  const advance = db.transaction((upstream: string, to: ForwardRow, held: readonly HeldForward[], now: string) => {
    holdAll(upstream, held, now);
    advanceTo.run(upstream, to.seq, to.stored, to.id, now);
  });
  const settleHeld = db.transaction((upstream: string, sent: readonly string[], refused: readonly HeldForward[], now: string) => {
    for (const id of sent) forget.run(upstream, id);
    holdAll(upstream, refused, now);
  });
  const release = db.transaction((upstream: string, ids: readonly string[]): Release => {
    if (ids.length === 0) {
      const all = (db.prepare('SELECT statement_id FROM forward_held WHERE upstream = ? ORDER BY seq').all(upstream) as { statement_id: string }[]).map((r) => r.statement_id);
      db.prepare("UPDATE forward_held SET retry_at = '' WHERE upstream = ?").run(upstream);
      return { released: all, unknown: [] };
    }
    const released: string[] = [];
    const unknown: string[] = [];
    for (const id of new Set(ids)) (releaseOne.run(upstream, id).changes > 0 ? released : unknown).push(id);
    return { released, unknown };
  });
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
        (db.prepare('SELECT statement_id, seq, code, reason, refusals, retry_at, held_at FROM forward_held WHERE upstream = ? ORDER BY seq').all(upstream) as HeldRow[]).map(
          (r): HeldRecord => ({ id: r.statement_id, seq: r.seq, code: r.code, reason: r.reason, refusals: r.refusals, retryAt: r.retry_at, heldAt: r.held_at }),
        ),
      ),
    heldDue: (upstream, now, limit) =>
      settle(
        () =>
          db
            .prepare(
              `SELECT s.seq, s.id, s.stored, s.body, h.refusals FROM forward_held h JOIN statements s ON s.seq = h.seq
               WHERE h.upstream = ? AND h.retry_at <= ? ORDER BY h.seq LIMIT ?`,
            )
            .all(upstream, now, limit) as DueRow[],
      ),
    settleHeld: (upstream, sent, refused) => settle(() => settleHeld.immediate(upstream, sent, refused, new Date().toISOString())),
    release: (upstream, ids) => settle(() => release.immediate(upstream, ids)),
    attachments: (sha2s) => settle(() => contents.get(sha2s)),
    close: () => settle(() => void db.close()),
  };
}
