import type { BarazaDb, ReaderPosition } from './database';

export async function readerPosition(db: BarazaDb, learnerId: string, moduleId: string): Promise<ReaderPosition | undefined> {
  return db.positions.get([learnerId, moduleId]);
}

export async function saveReaderPosition(db: BarazaDb, position: Omit<ReaderPosition, 'updatedAt'>): Promise<void> {
  await db.positions.put({ ...position, updatedAt: new Date().toISOString() });
}

/** Where this learner was reading most recently on this device. */
export async function latestReaderPosition(db: BarazaDb, learnerId: string): Promise<ReaderPosition | undefined> {
  const all = await db.positions.where('learnerId').equals(learnerId).toArray();
  return all.reduce<ReaderPosition | undefined>((latest, p) => (!latest || p.updatedAt > latest.updatedAt ? p : latest), undefined);
}
