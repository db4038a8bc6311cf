import type { Statement } from '../../core/xapi/statement';
import type { BarazaDb, OutboxRow, StatementRow } from './database';

/**
 * Adds learning events and queues them for the hub. Ids are made on the device,
 * so adding one twice is harmless: at worst it is sent again, and hubs keep one copy.
 */
export async function recordStatements(db: BarazaDb, statements: readonly Statement[]): Promise<void> {
  const rows: StatementRow[] = statements.map((s) => ({ id: s.id, learnerId: s.actor.account.name, timestamp: s.timestamp, statement: s }));
  await db.transaction('rw', db.statements, db.outbox, async () => {
    await db.statements.bulkPut(rows);
    await db.outbox.bulkPut(rows.map(outboxRowOf));
  });
}

export async function statementsOf(db: BarazaDb, learnerId: string): Promise<Statement[]> {
  const rows = await db.statements.where('learnerId').equals(learnerId).toArray();
  return rows.map((r) => r.statement);
}

function outboxRowOf(row: StatementRow): OutboxRow {
  return { id: row.id, learnerId: row.learnerId, timestamp: row.timestamp };
}

/** How many statements wait for a hub's confirmation (held ones included). */
export function unsentCount(db: BarazaDb): Promise<number> {
  return db.outbox.count();
}

export interface OutboxFilter {
  /** One learner's statements; everyone's when absent. */
  readonly learnerId?: string;
  readonly except?: ReadonlySet<string>;
}

/** The outbox rows, oldest first. */
export async function queuedRows(db: BarazaDb, { learnerId, except }: OutboxFilter = {}): Promise<OutboxRow[]> {
  const queued = (await db.outbox.toArray()).filter((q) => (learnerId === undefined || q.learnerId === learnerId) && !except?.has(q.id));
  return queued.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
}

/** The statements of these outbox rows, in their order. An outbox row whose statement is gone is dropped. */
export async function statementsFor(db: BarazaDb, queued: readonly OutboxRow[]): Promise<StatementRow[]> {
  const rows = await db.statements.bulkGet(queued.map((q) => q.id));
  const orphans = queued.filter((_, i) => rows[i] === undefined).map((q) => q.id);
  if (orphans.length) await db.outbox.bulkDelete(orphans);
  return rows.filter((r): r is StatementRow => r !== undefined);
}

/** The statements waiting for a hub, oldest first. */
export async function unsentStatements(db: BarazaDb, filter: OutboxFilter = {}): Promise<StatementRow[]> {
  return statementsFor(db, await queuedRows(db, filter));
}

/** A hub confirmed these: they leave the outbox (the statements stay). */
export async function markSent(db: BarazaDb, ids: readonly string[]): Promise<void> {
  await db.outbox.bulkDelete([...ids]);
}

/** Queues every statement on the device again, for a hub that has none of them yet. */
export async function queueEverything(db: BarazaDb): Promise<void> {
  await db.transaction('rw', db.statements, db.outbox, async () => {
    const rows: OutboxRow[] = [];
    await db.statements.each((row) => {
      rows.push(outboxRowOf(row));
    });
    await db.outbox.bulkPut(rows);
  });
}
