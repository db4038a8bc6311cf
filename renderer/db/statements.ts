import type { Statement } from '../../core/xapi/statement';
import type { BarazaDb, StatementRow } from './database';

/** Adds learning events to the outbox. Ids are made on the device, so adding one twice is harmless. */
export async function recordStatements(db: BarazaDb, statements: readonly Statement[]): Promise<void> {
  const rows: StatementRow[] = statements.map((s) => ({ id: s.id, learnerId: s.actor.account.name, timestamp: s.timestamp, synced: 0, statement: s }));
  await db.statements.bulkPut(rows);
}

export async function statementsOf(db: BarazaDb, learnerId: string): Promise<Statement[]> {
  const rows = await db.statements.where('learnerId').equals(learnerId).toArray();
  return rows.map((r) => r.statement);
}
