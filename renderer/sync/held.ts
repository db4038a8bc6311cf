/**
 * Statements a hub refused on their own merits (409 conflict, 400/413 rejected).
 * They stay in the outbox, unsynced, so nothing is lost; this list only stops
 * each sync from sending them again, until someone releases them.
 */
import type { HeldStatement, SyncTarget } from '../../core/sync/protocol';
import type { BarazaDb } from '../db/database';

function heldKey(target: SyncTarget): string {
  return `sync.held\u0000${target.endpoint}`;
}

export async function heldStatements(db: BarazaDb, target: SyncTarget): Promise<HeldStatement[]> {
  const value = (await db.settings.get(heldKey(target)))?.value;
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter(isHeld) : [];
  } catch {
    return [];
  }
}

export async function holdStatement(db: BarazaDb, target: SyncTarget, held: HeldStatement): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const list = (await heldStatements(db, target)).filter((h) => h.id !== held.id);
    await db.settings.put({ key: heldKey(target), value: JSON.stringify([...list, held]) });
  });
}

/** Lets the next sync send held statements again (for example once the hub has been fixed). */
export async function releaseHeld(db: BarazaDb, target: SyncTarget, ids?: readonly string[]): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const keep = ids ? (await heldStatements(db, target)).filter((h) => !ids.includes(h.id)) : [];
    await db.settings.put({ key: heldKey(target), value: JSON.stringify(keep) });
  });
}

function isHeld(v: unknown): v is HeldStatement {
  return (
    typeof v === 'object' &&
    v !== null &&
    'id' in v &&
    typeof v.id === 'string' &&
    'code' in v &&
    (v.code === 'conflict' || v.code === 'rejected') &&
    'reason' in v &&
    typeof v.reason === 'string'
  );
}
