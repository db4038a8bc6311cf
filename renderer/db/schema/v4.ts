/**
 * Schema version 4: the outbox becomes a table of its own. Version 1 kept a
 * `synced` flag in each statement row, so confirming a batch rewrote every
 * row in it (the statement and all its index entries); now confirming deletes
 * small outbox rows and the statements are never written again.
 * Never edit after release.
 */
import type { Transaction } from 'dexie';

export const version = 4;

export const stores = {
  statements: 'id, learnerId, [learnerId+timestamp]',
  // One row per statement no hub has confirmed yet: { id, learnerId, timestamp }.
  outbox: 'id',
};

interface StatementRowV3 {
  id: string;
  learnerId: string;
  timestamp: string;
  synced?: 0 | 1;
}

/**
 * Queues every unsent statement. The old `synced` property stays in the rows:
 * nothing reads it any more, and rewriting every row would cost an old laptop
 * seconds at the first start after the update.
 */
export async function upgrade(tx: Transaction): Promise<void> {
  const unsent: { id: string; learnerId: string; timestamp: string }[] = [];
  await tx.table<StatementRowV3>('statements').each((row) => {
    if (row.synced !== 1) unsent.push({ id: row.id, learnerId: row.learnerId, timestamp: row.timestamp });
  });
  await tx.table('outbox').bulkPut(unsent);
}
