import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { sectionRead, type EventEnvelope } from '../../core/xapi/statement';
import { openDatabase, type BarazaDb } from './database';
import { classifyStorageError } from './errors';
import { checkPin, createProfile, currentProfileId, deleteProfile, setPin, switchProfile } from './profiles';
import { markSent, queueEverything, recordStatements, statementsOf, unsentCount, unsentStatements } from './statements';
import { deleteResponse, getResponse, listResponses, restoreResponse, saveAnswers, startResponse } from './templateResponses';

let names: string[] = [];
function dbName(): string {
  const name = `baraza-test-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

afterEach(async () => {
  await Promise.all(names.map((n) => Dexie.delete(n)));
  names = [];
});

const env = (learnerId: string, at: string): EventEnvelope => ({ id: crypto.randomUUID(), timestamp: at, learner: { id: learnerId, name: learnerId }, language: 'en' });

describe('schema upgrades', () => {
  it('upgrades real version-1 data to version 2, keeping every row and backfilling reader positions', async () => {
    const name = dbName();
    const v1 = openDatabase(name, 1);
    await v1.open();
    await v1.table('profiles').add({ id: 'A', name: 'Amina', language: 'fr', textSize: 'large', createdAt: '2026-01-01T00:00:00Z', lastActiveAt: '2026-01-01T00:00:00Z' });
    const older = sectionRead(env('A', '2026-11-01T10:00:00Z'), { packId: 'p', moduleId: 'm1', sectionId: 'intro' });
    const newer = sectionRead(env('A', '2026-11-01T11:00:00Z'), { packId: 'p', moduleId: 'm1', sectionId: 'actors' });
    const other = sectionRead(env('B', '2026-11-02T11:00:00Z'), { packId: 'p', moduleId: 'm2', sectionId: 'x' });
    await v1.table('statements').bulkAdd([newer, older, other].map((s) => ({ id: s.id, learnerId: s.actor.account.name, timestamp: s.timestamp, synced: 0, statement: s })));
    await v1.table('settings').put({ key: 'currentProfileId', value: 'A' });
    v1.close();

    const v2 = openDatabase(name, 2);
    await v2.open();
    expect(v2.verno).toBe(2);
    expect(await v2.statements.count()).toBe(3);
    expect((await v2.profiles.get('A'))?.textSize).toBe('large');
    expect(await currentProfileId(v2)).toBe('A');
    expect(await v2.positions.get(['A', 'm1'])).toMatchObject({ packId: 'p', sectionId: 'actors', scrollTop: 0 });
    expect(await v2.positions.get(['B', 'm2'])).toMatchObject({ sectionId: 'x' });
    v2.close();
  });
});

describe('schema version 3', () => {
  it('adds assessment responses to a version-2 database without touching its rows', async () => {
    const name = dbName();
    const v2 = openDatabase(name, 2);
    await v2.open();
    await v2.table('profiles').add({ id: 'A', name: 'Amina', language: 'ar', textSize: 'medium', createdAt: '2026-01-01T00:00:00Z', lastActiveAt: '2026-01-01T00:00:00Z' });
    await v2.table('positions').put({ learnerId: 'A', packId: 'p', moduleId: 'm', sectionId: 's', scrollTop: 40, updatedAt: '2026-01-01T00:00:00Z' });
    v2.close();
    const v3 = openDatabase(name, 3);
    await v3.open();
    expect(v3.verno).toBe(3);
    expect(await v3.positions.get(['A', 'm'])).toMatchObject({ scrollTop: 40 });
    const started = await startResponse(v3, { learnerId: 'A', packId: 'p', templateId: 'aia', name: 'Benefits triage' });
    await saveAnswers(v3, started.id, { q1: 'p3', m1: ['a', 'b'] });
    expect(await getResponse(v3, 'A', started.id)).toMatchObject({ name: 'Benefits triage', answers: { q1: 'p3', m1: ['a', 'b'] } });
    expect(await getResponse(v3, 'B', started.id)).toBeUndefined();
    v3.close();
  });

  it('lists a learner’s responses newest first, deletes one, puts it back, and deletes them with the profile', async () => {
    const db = openDatabase(dbName());
    await db.open();
    const a = await createProfile(db, { name: 'Amina', language: 'fr' });
    const b = await createProfile(db, { name: 'Baraka', language: 'sw' });
    const first = await startResponse(db, { learnerId: a.id, packId: 'p', templateId: 'aia', name: 'One' });
    await new Promise((r) => setTimeout(r, 5));
    const second = await startResponse(db, { learnerId: a.id, packId: 'p', templateId: 'aia', name: 'Two' });
    await startResponse(db, { learnerId: b.id, packId: 'p', templateId: 'aia', name: 'Theirs' });
    expect((await listResponses(db, a.id, 'aia')).map((r) => r.name)).toEqual(['Two', 'One']);
    const removed = await deleteResponse(db, second.id);
    expect((await listResponses(db, a.id, 'aia')).map((r) => r.id)).toEqual([first.id]);
    await restoreResponse(db, removed!);
    expect(await listResponses(db, a.id, 'aia')).toHaveLength(2);
    await deleteProfile(db, a.id);
    expect(await db.templateResponses.where('learnerId').equals(a.id).count()).toBe(0);
    expect(await listResponses(db, b.id, 'aia')).toHaveLength(1);
  });
});

describe('schema version 4', () => {
  it('moves the unsent statements of a version-3 database into the outbox and keeps every statement', async () => {
    const name = dbName();
    const v3 = openDatabase(name, 3);
    await v3.open();
    const at = (n: number) => `2026-11-0${n}T10:00:00Z`;
    const [sent, unsentA, unsentB] = [1, 2, 3].map((n) => sectionRead(env(n === 3 ? 'B' : 'A', at(n)), { packId: 'p', moduleId: 'm', sectionId: `s${n}` }));
    if (!sent || !unsentA || !unsentB) throw new Error('fixture');
    await v3.table('statements').bulkAdd([
      { id: sent.id, learnerId: 'A', timestamp: sent.timestamp, synced: 1, statement: sent },
      { id: unsentA.id, learnerId: 'A', timestamp: unsentA.timestamp, synced: 0, statement: unsentA },
      { id: unsentB.id, learnerId: 'B', timestamp: unsentB.timestamp, synced: 0, statement: unsentB },
    ]);
    v3.close();

    const v4 = openDatabase(name);
    await v4.open();
    expect(v4.verno).toBe(4);
    expect(await v4.statements.count()).toBe(3);
    expect(await v4.outbox.orderBy('id').toArray()).toEqual(
      [
        { id: unsentA.id, learnerId: 'A', timestamp: unsentA.timestamp },
        { id: unsentB.id, learnerId: 'B', timestamp: unsentB.timestamp },
      ].sort((x, y) => (x.id < y.id ? -1 : 1)),
    );
    expect((await unsentStatements(v4)).map((r) => r.statement)).toEqual([unsentA, unsentB]);
    expect((await unsentStatements(v4, { learnerId: 'B' })).map((r) => r.id)).toEqual([unsentB.id]);
    expect(await statementsOf(v4, 'A')).toHaveLength(2);
    v4.close();
  });
});

describe('the outbox', () => {
  it('queues what is recorded, oldest first, drops what a hub confirmed, and forgets a deleted learner’s rows', async () => {
    const db = openDatabase(dbName());
    await db.open();
    const a = await createProfile(db, { name: 'Amina', language: 'fr' });
    const b = await createProfile(db, { name: 'Baraka', language: 'sw' });
    const later = sectionRead(env(a.id, '2026-11-03T00:00:00Z'), { packId: 'p', moduleId: 'm', sectionId: 'later' });
    const earlier = sectionRead(env(a.id, '2026-11-01T00:00:00Z'), { packId: 'p', moduleId: 'm', sectionId: 'earlier' });
    const theirs = sectionRead(env(b.id, '2026-11-02T00:00:00Z'), { packId: 'p', moduleId: 'm', sectionId: 'theirs' });
    await recordStatements(db, [later, earlier, theirs]);
    expect((await unsentStatements(db)).map((r) => r.id)).toEqual([earlier.id, theirs.id, later.id]);
    expect((await unsentStatements(db, { except: new Set([theirs.id]) })).map((r) => r.id)).toEqual([earlier.id, later.id]);

    await markSent(db, [earlier.id]);
    expect(await unsentCount(db)).toBe(2);
    expect(await db.statements.count()).toBe(3);

    await deleteProfile(db, a.id);
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([theirs.id]);
    await queueEverything(db);
    expect((await unsentStatements(db)).map((r) => r.id)).toEqual([theirs.id]);
  });

  it('drops an outbox row whose statement is gone instead of failing the push', async () => {
    const db = openDatabase(dbName());
    await db.open();
    const s = sectionRead(env('A', '2026-11-01T00:00:00Z'), { packId: 'p', moduleId: 'm', sectionId: 's' });
    await recordStatements(db, [s]);
    await db.outbox.put({ id: 'gone', learnerId: 'A', timestamp: '2026-11-02T00:00:00Z' });
    expect((await unsentStatements(db)).map((r) => r.id)).toEqual([s.id]);
    expect(await unsentCount(db)).toBe(1);
  });
});

describe('profiles', () => {
  async function fresh(): Promise<BarazaDb> {
    const db = openDatabase(dbName());
    await db.open();
    return db;
  }

  it('keeps each learner to their own statements and deletes only the chosen one', async () => {
    const db = await fresh();
    const a = await createProfile(db, { name: ' Amina ', language: 'fr' });
    const b = await createProfile(db, { name: 'Baraka', language: 'sw' });
    expect(a.name).toBe('Amina');
    expect(await currentProfileId(db)).toBe(b.id);
    await recordStatements(db, [sectionRead(env(a.id, '2026-11-01T00:00:00Z'), { packId: 'p', moduleId: 'm', sectionId: 's' })]);
    await recordStatements(db, [sectionRead(env(b.id, '2026-11-01T00:00:00Z'), { packId: 'p', moduleId: 'm', sectionId: 't' })]);
    expect((await statementsOf(db, a.id)).map((s) => s.object.id)).toEqual([expect.stringContaining('/sections/s')]);
    await switchProfile(db, a.id);
    await deleteProfile(db, a.id);
    expect(await db.profiles.count()).toBe(1);
    expect(await statementsOf(db, a.id)).toEqual([]);
    expect(await statementsOf(db, b.id)).toHaveLength(1);
    expect(await currentProfileId(db)).toBeUndefined();
  });

  it('stores a salted PIN hash, checks it, and removes it', async () => {
    const db = await fresh();
    const p = await createProfile(db, { name: 'A', language: 'en' });
    await setPin(db, p.id, '0420');
    const stored = await db.profiles.get(p.id);
    expect(stored?.pinHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('0420');
    expect(await checkPin(stored!, '0420')).toBe(true);
    expect(await checkPin(stored!, '0421')).toBe(false);
    await expect(setPin(db, p.id, '12a4')).rejects.toThrow(/four digits/);
    await setPin(db, p.id, null);
    expect((await db.profiles.get(p.id))?.pinHash).toBeUndefined();
  });

  it('writing the same statement twice stores it once', async () => {
    const db = await fresh();
    const s = sectionRead(env('A', '2026-11-01T00:00:00Z'), { packId: 'p', moduleId: 'm', sectionId: 's' });
    await recordStatements(db, [s]);
    await recordStatements(db, [s]);
    expect(await db.statements.count()).toBe(1);
  });
});

describe('storage failures', () => {
  it('a write that fails half-way stores nothing of it and keeps what was there', async () => {
    const db = openDatabase(dbName());
    await db.open();
    const kept = sectionRead(env('A', '2026-11-01T00:00:00Z'), { packId: 'p', moduleId: 'm', sectionId: 'kept' });
    await recordStatements(db, [kept]);
    let calls = 0;
    db.statements.hook('creating', () => {
      if (++calls === 2) throw new Dexie.QuotaExceededError('disk full');
    });
    const batch = ['a', 'b', 'c'].map((id) => sectionRead(env('A', '2026-11-02T00:00:00Z'), { packId: 'p', moduleId: 'm', sectionId: id }));
    const err = await recordStatements(db, batch).catch((e: unknown) => e);
    expect(classifyStorageError(err)).toBe('full');
    expect((await db.statements.toArray()).map((r) => r.id)).toEqual([kept.id]);
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([kept.id]);
  });

  it('sorts browser and Dexie errors into what a person can act on', () => {
    expect(classifyStorageError(new DOMException('x', 'QuotaExceededError'))).toBe('full');
    expect(classifyStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe('full');
    expect(classifyStorageError(new Dexie.MissingAPIError('no indexedDB'))).toBe('unavailable');
    expect(classifyStorageError(new Dexie.VersionError('downgrade'))).toBe('corrupt');
    expect(classifyStorageError(new Error('?'))).toBe('other');
  });
});
