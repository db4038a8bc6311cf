import type { BarazaDb, ReaderPosition } from './database';

export async function readerPosition(db: BarazaDb, learnerId: string, moduleId: string): Promise<ReaderPosition | undefined> {
  return db.positions.get([learnerId, moduleId]);
}

export async function saveReaderPosition(db: BarazaDb, position: Omit<ReaderPosition, 'updatedAt'>): Promise<void> {
  await db.positions.put({ ...position, updatedAt: new Date().toISOString() });
}
