/**
 * Schema version 2: reader positions (section and scroll offset per learner and
 * module), backfilled from the statements version 1 already holds so nobody
 * loses their place on upgrade. Never edit after release.
 */
import type { Transaction } from 'dexie';
import type { Statement } from '../../../core/xapi/statement';
import { parseActivityIri, VERBS } from '../../../core/xapi/statement';

export const version = 2;

export const stores = {
  positions: '[learnerId+moduleId], learnerId',
};

interface StatementRowV1 {
  learnerId: string;
  statement: Statement;
}

export async function upgrade(tx: Transaction): Promise<void> {
  const latest = new Map<string, { learnerId: string; packId: string; moduleId: string; sectionId: string; at: string }>();
  await tx
    .table<StatementRowV1>('statements')
    .each((row) => {
      const s = row.statement;
      if (s.verb.id !== VERBS.experienced || s.object.objectType !== 'Activity') return;
      const ref = parseActivityIri(s.object.id);
      if (ref?.kind !== 'section') return;
      const key = `${row.learnerId}\u0000${ref.moduleId}`;
      const prev = latest.get(key);
      if (!prev || Date.parse(s.timestamp) > Date.parse(prev.at)) {
        latest.set(key, { learnerId: row.learnerId, packId: ref.packId, moduleId: ref.moduleId, sectionId: ref.sectionId, at: s.timestamp });
      }
    });
  await tx.table('positions').bulkPut(
    [...latest.values()].map((p) => ({ learnerId: p.learnerId, packId: p.packId, moduleId: p.moduleId, sectionId: p.sectionId, scrollTop: 0, updatedAt: p.at })),
  );
}
