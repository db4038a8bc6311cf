import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { sectionRead } from '../../core/xapi/statement';
import { openDatabase, type BarazaDb } from '../db/database';
import { recordStatements } from '../db/statements';
import { saveSyncTarget } from './useSync';

const names: string[] = [];
afterEach(async () => {
  await Promise.all(names.splice(0).map((n) => Dexie.delete(n)));
});

async function deviceWithRecords(): Promise<BarazaDb> {
  const name = `target-test-${crypto.randomUUID()}`;
  names.push(name);
  const db = openDatabase(name);
  const env = () => ({ id: crypto.randomUUID(), timestamp: new Date().toISOString(), learner: { id: 'A', name: 'Amina' }, language: 'en' });
  await recordStatements(db, [1, 2, 3].map((n) => sectionRead(env(), { packId: 'p', moduleId: 'm', sectionId: `s${n}` })));
  return db;
}

const unsent = (db: BarazaDb) => db.outbox.count();

describe('the hub a device sends to', () => {
  it('keeps what one hub confirmed when only its key changes, and sends everything again to another hub', async () => {
    const db = await deviceWithRecords();
    await saveSyncTarget(db, { endpoint: 'http://10.0.0.5:8400/xapi/' });
    await db.outbox.clear();
    await saveSyncTarget(db, { endpoint: 'http://10.0.0.5:8400/xapi/', auth: { username: 'k', password: 's' } });
    expect(await unsent(db)).toBe(0);
    await saveSyncTarget(db, null);
    await saveSyncTarget(db, { endpoint: 'http://10.0.0.5:8400/xapi/' });
    expect(await unsent(db)).toBe(0);
    await saveSyncTarget(db, { endpoint: 'https://lrs.ministry.example/xapi/' });
    expect(await unsent(db)).toBe(3);
  });

  it('treats the hub saved before this record existed as the one that confirmed', async () => {
    const db = await deviceWithRecords();
    await db.settings.put({ key: 'syncTarget', value: JSON.stringify({ endpoint: 'http://old-hub/xapi/' }) });
    await db.outbox.clear();
    await saveSyncTarget(db, { endpoint: 'http://new-hub/xapi/' });
    expect(await unsent(db)).toBe(3);
  });
});
