import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointKey } from '../../core/sync/pull';
import { sectionRead, type Statement } from '../../core/xapi/statement';
import { openDatabase, type BarazaDb } from '../db/database';
import { recordStatements } from '../db/statements';
import { pullLearner, pushOutbox } from './engine';
import { FakeLrs, faultyFetch, type Fault } from './fakeLrs.testing';
import { heldStatements, releaseHeld } from './held';
import type { FetchLike } from './transport';

const target = { endpoint: 'https://hub.test/xapi/' };
let dbs: BarazaDb[] = [];

async function freshDb(): Promise<BarazaDb> {
  const db = openDatabase(`sync-test-${crypto.randomUUID()}`);
  await db.open();
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs) {
    db.close();
    await Dexie.delete(db.name);
  }
  dbs = [];
});

function statements(n: number, learnerId = 'L1', from = Date.parse('2026-02-01T00:00:00Z')): Statement[] {
  return Array.from({ length: n }, (_, i) =>
    sectionRead({ id: crypto.randomUUID(), timestamp: new Date(from + i * 60_000).toISOString(), learner: { id: learnerId, name: learnerId }, language: 'sw' }, { packId: 'p', moduleId: 'm', sectionId: `s${i}` }),
  );
}

/** A statement leaves the outbox only if the server really holds it: checked before every request and at the end. */
async function assertNothingSyncedEarly(db: BarazaDb, lrs: FakeLrs): Promise<void> {
  const queued = new Set(await db.outbox.toCollection().primaryKeys());
  const sent = (await db.statements.toCollection().primaryKeys()).filter((id) => !queued.has(id));
  for (const id of sent) expect(lrs.statements.has(id.toLowerCase()), `statement ${id} left the outbox but the server lacks it`).toBe(true);
}

function watched(db: BarazaDb, lrs: FakeLrs, faults: (url: string, init: RequestInit) => Fault = () => 'ok'): FetchLike {
  const inner = faultyFetch(lrs.fetch, faults);
  return async (url, init) => {
    await assertNothingSyncedEarly(db, lrs);
    return inner(url, init);
  };
}

async function expectAllSyncedOnce(db: BarazaDb, lrs: FakeLrs, sent: readonly Statement[]): Promise<void> {
  const rows = await db.statements.toArray();
  expect(rows).toHaveLength(sent.length);
  expect(await db.outbox.count()).toBe(0);
  for (const s of sent) expect(lrs.statements.get(s.id)?.body).toMatchObject({ id: s.id, verb: s.verb, object: s.object });
  expect(lrs.statements.size).toBe(sent.length);
}

describe('pushOutbox', () => {
  it('sends the outbox oldest first in batches of 200 and marks each batch once the hub names its ids', async () => {
    const db = await freshDb();
    const lrs = new FakeLrs();
    const sent = statements(450);
    await recordStatements(db, [...sent].reverse());
    const result = await pushOutbox(db, target, watched(db, lrs));
    expect(result).toMatchObject({ pushed: 450, pending: 0, stopped: false });
    expect(result.error).toBeUndefined();
    expect(lrs.posts.map((p) => p.length)).toEqual([200, 200, 50]);
    expect(lrs.posts.flat()).toEqual(sent.map((s) => s.id));
    await expectAllSyncedOnce(db, lrs, sent);
  });

  it('reports offline when the request cannot be made, and loses nothing', async () => {
    const db = await freshDb();
    const lrs = new FakeLrs();
    const sent = statements(5);
    await recordStatements(db, sent);
    expect(await pushOutbox(db, target, watched(db, lrs, () => 'throw'))).toMatchObject({ pushed: 0, pending: 5, error: 'offline', stopped: true });
    expect(await db.outbox.count()).toBe(5);
    expect(await pushOutbox(db, target, watched(db, lrs))).toMatchObject({ pushed: 5, pending: 0 });
    await expectAllSyncedOnce(db, lrs, sent);
  });

  it('stops at a 500, keeps the batches already confirmed, and resends the rest next time', async () => {
    const db = await freshDb();
    const lrs = new FakeLrs();
    const sent = statements(250);
    await recordStatements(db, sent);
    let call = 0;
    const result = await pushOutbox(db, target, watched(db, lrs, (_url, init) => (init.method === 'POST' && ++call === 2 ? '500' : 'ok')));
    expect(result).toMatchObject({ pushed: 200, pending: 50, error: 'server', stopped: true });
    expect(await pushOutbox(db, target, watched(db, lrs))).toMatchObject({ pushed: 50, pending: 0 });
    await expectAllSyncedOnce(db, lrs, sent);
  });

  it('after a reply lost on the way back, marks nothing, then resends and ends with every row synced exactly once', async () => {
    const db = await freshDb();
    const lrs = new FakeLrs();
    const sent = statements(30);
    await recordStatements(db, sent);
    const first = await pushOutbox(db, target, watched(db, lrs, () => 'drop'));
    expect(first).toMatchObject({ pushed: 0, pending: 30, error: 'offline' });
    expect(lrs.statements.size).toBe(30); // the server has them…
    expect(await db.outbox.count()).toBe(30); // …but the device was never told.
    expect(await pushOutbox(db, target, watched(db, lrs))).toMatchObject({ pushed: 30, pending: 0 });
    expect(lrs.posts).toHaveLength(2);
    await expectAllSyncedOnce(db, lrs, sent);
  });

  it('marks nothing when a 200 does not name exactly the statements sent', async () => {
    const db = await freshDb();
    await recordStatements(db, statements(3));
    const liar: FetchLike = async () => new Response(JSON.stringify(['00000000-0000-4000-8000-000000000000']), { status: 200 });
    expect(await pushOutbox(db, target, liar)).toMatchObject({ pushed: 0, pending: 3, error: 'server' });
  });

  it('isolates the one statement the hub holds differently (409), sends all the others, keeps it, and does not resend it', async () => {
    const db = await freshDb();
    const lrs = new FakeLrs();
    const sent = statements(40);
    const clash = sent[17];
    if (!clash) throw new Error('fixture');
    lrs.preload([{ ...clash, result: { completion: true } }]);
    await recordStatements(db, sent);

    const result = await pushOutbox(db, target, watched(db, lrs));
    expect(result).toMatchObject({ pushed: 39, pending: 1, error: 'conflict', stopped: false });
    expect(result.held).toEqual([expect.objectContaining({ id: clash.id, code: 'conflict' })]);
    // Bisection is bounded: about 2·log2(40) requests, not one per statement.
    expect(lrs.posts.length).toBeLessThanOrEqual(12);
    const kept = await db.statements.get(clash.id);
    expect(kept).toMatchObject({ statement: clash });
    expect(await db.outbox.get(clash.id)).toBeDefined();

    lrs.posts.length = 0;
    expect(await pushOutbox(db, target, watched(db, lrs))).toMatchObject({ pushed: 0, pending: 1, error: 'conflict' });
    expect(lrs.posts).toEqual([]);

    // Released (say, after the hub was repaired), it is tried again, and still never lost.
    await releaseHeld(db, target);
    expect(await pushOutbox(db, target, watched(db, lrs))).toMatchObject({ pushed: 0, pending: 1, error: 'conflict' });
    expect(await db.statements.count()).toBe(40);
  });

  it('holds a statement the hub refuses as invalid and stops if the hub refuses everything', async () => {
    const db = await freshDb();
    const lrs = new FakeLrs();
    const sent = statements(10);
    lrs.invalid.add(sent[3]?.id ?? '');
    await recordStatements(db, sent);
    expect(await pushOutbox(db, target, watched(db, lrs))).toMatchObject({ pushed: 9, pending: 1, error: 'rejected', stopped: false });

    const db2 = await freshDb();
    const lrs2 = new FakeLrs();
    const all = statements(50);
    for (const s of all) lrs2.invalid.add(s.id);
    await recordStatements(db2, all);
    const result = await pushOutbox(db2, target, watched(db2, lrs2));
    expect(result).toMatchObject({ pushed: 0, pending: 50, error: 'rejected', stopped: true });
    expect((await heldStatements(db2, target)).length).toBeLessThanOrEqual(5);
  });

  it('survives any mix of thrown requests, 500s and lost replies: nothing lost, nothing marked early, each stored once', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const db = await freshDb();
      const lrs = new FakeLrs();
      const sent = statements(120);
      await recordStatements(db, sent);
      let s = seed;
      const random = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
      const faults: Fault[] = ['ok', 'throw', '500', 'drop'];
      let runs = 0;
      for (;;) {
        const result = await pushOutbox(db, target, watched(db, lrs, () => faults[Math.floor(random() * 4)] ?? 'ok'), { maxStatements: 25 });
        expect(await db.statements.count()).toBe(120);
        if (result.pending === 0) break;
        expect(++runs).toBeLessThan(200);
      }
      await expectAllSyncedOnce(db, lrs, sent);
    }
  });
});

describe('pullLearner', () => {
  it('stores the learner’s statements from the hub outside the outbox, following more links, and saves the checkpoint', async () => {
    const db = await freshDb();
    const lrs = new FakeLrs();
    lrs.pageSize = 4;
    const elsewhere = statements(10);
    const someoneElse = statements(3, 'L2');
    lrs.preload([...elsewhere, ...someoneElse]);
    const local = statements(1, 'L1', Date.parse('2026-04-01T00:00:00Z'));
    await recordStatements(db, local);

    const result = await pullLearner(db, target, 'L1', lrs.fetch);
    expect(result).toMatchObject({ pulled: 10, skipped: 0 });
    expect(await db.statements.count()).toBe(11);
    expect(await db.outbox.toCollection().primaryKeys()).toEqual([local[0]?.id]);
    expect(await db.statements.where('learnerId').equals('L2').count()).toBe(0);
    expect((await db.settings.get(checkpointKey(target.endpoint, 'L1')))?.value).toBe(result.checkpoint);

    // Next time only what is new (plus the small overlap) comes back, and nothing is stored twice.
    lrs.preload(statements(2, 'L1', Date.parse('2026-05-01T00:00:00Z')));
    const again = await pullLearner(db, target, 'L1', lrs.fetch);
    expect(again.pulled).toBe(2);
    expect(await db.statements.count()).toBe(13);
  });

  it('keeps the old checkpoint when paging is interrupted, and finishes on the next try', async () => {
    const db = await freshDb();
    const lrs = new FakeLrs();
    lrs.pageSize = 3;
    lrs.preload(statements(10));
    let calls = 0;
    const broken = faultyFetch(lrs.fetch, () => (++calls === 3 ? 'throw' : 'ok'));
    const first = await pullLearner(db, target, 'L1', broken);
    expect(first).toMatchObject({ pulled: 6, error: 'offline' });
    expect(await db.settings.get(checkpointKey(target.endpoint, 'L1'))).toBeUndefined();
    expect(await pullLearner(db, target, 'L1', lrs.fetch)).toMatchObject({ pulled: 4 });
    expect(await db.statements.count()).toBe(10);
  });

  it('never stores what is not this learner’s valid statement', async () => {
    const db = await freshDb();
    const [good] = statements(1);
    const bad = { ...statements(1)[0], verb: { id: 'nope' } };
    const reply: FetchLike = async () => new Response(JSON.stringify({ statements: [good, bad, { id: 'x' }], more: '' }), { status: 200 });
    expect(await pullLearner(db, target, 'L1', reply)).toMatchObject({ pulled: 1, skipped: 2 });
  });
});
