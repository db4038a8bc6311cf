/**
 * Two devices of one learner sync through a real hub (HTTP on 127.0.0.1,
 * SQLite in a temp folder): each pushes its outbox, one through a connection
 * that loses replies, then both pull. Both end with the union; the hub holds each once.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionRead, quizScored, type Statement } from '../../core/xapi/statement';
import { utf8Length } from '../../core/sync/protocol';
import { createHub, type Hub } from '../../hub/hub';
import { openDatabase, type BarazaDb } from '../../renderer/db/database';
import { recordStatements, statementsOf } from '../../renderer/db/statements';
import { pushOutbox, syncOnce } from '../../renderer/sync/engine';
import { faultyFetch } from '../../renderer/sync/fakeLrs.testing';
import type { FetchLike } from '../../renderer/sync/transport';

let dir: string;
let hub: Hub;
let endpoint: string;
const devices: BarazaDb[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-sync-'));
  hub = createHub(dir);
  await new Promise<void>((r) => hub.server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}/xapi/`;
});

afterAll(async () => {
  for (const db of devices) {
    db.close();
    await Dexie.delete(db.name);
  }
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

const learner = { id: crypto.randomUUID(), name: 'Neema' };

function studied(device: string, n: number, day: string): Statement[] {
  return Array.from({ length: n }, (_, i) =>
    sectionRead({ id: crypto.randomUUID(), timestamp: new Date(Date.parse(`${day}T08:00:00Z`) + i * 60_000).toISOString(), learner, language: 'sw' }, { packId: 'ai-governance', moduleId: device, sectionId: `s${i}` }),
  );
}

async function device(): Promise<BarazaDb> {
  const db = openDatabase(`device-${crypto.randomUUID()}`);
  await db.open();
  devices.push(db);
  return db;
}

/** Node's own fetch over real HTTP to the hub on 127.0.0.1. */
const realFetch: FetchLike = (url, init) => fetch(url, init);

describe('two devices, one learner, one real hub', () => {
  it('ends with both devices holding the union and the hub holding each statement once', async () => {
    const laptop = await device();
    const office = await device();
    const onLaptop = [...studied('laptop', 250, '2026-03-02'), quizScored({ id: crypto.randomUUID(), timestamp: '2026-03-02T12:00:00Z', learner, language: 'sw' }, { packId: 'ai-governance', quizId: 'q1', attemptId: crypto.randomUUID(), raw: 4, max: 5, passed: true })];
    const onOffice = studied('office', 40, '2026-03-03');
    await recordStatements(laptop, onLaptop);
    await recordStatements(office, onOffice);
    const target = { endpoint };

    // The laptop's first attempt loses every reply after the hub stored the batch.
    const lossy = faultyFetch(realFetch, () => 'drop');
    expect(await pushOutbox(laptop, target, lossy)).toMatchObject({ pushed: 0, pending: 251, error: 'offline' });
    expect(await hub.storage.statements.count()).toBe(200);

    // Then both sync properly: the resend is accepted as harmless, nothing is stored twice.
    expect(await syncOnce(laptop, target, [learner.id], realFetch)).toMatchObject({ pushed: 251, pending: 0, pulled: 0 });
    expect(await syncOnce(office, target, [learner.id], realFetch)).toMatchObject({ pushed: 40, pending: 0, pulled: 251 });
    expect(await syncOnce(laptop, target, [learner.id], realFetch)).toMatchObject({ pushed: 0, pending: 0, pulled: 40 });
    // A further round moves nothing.
    expect(await syncOnce(office, target, [learner.id], realFetch)).toMatchObject({ pushed: 0, pulled: 0 });

    const union = new Set([...onLaptop, ...onOffice].map((s) => s.id));
    for (const db of [laptop, office]) {
      const ids = (await statementsOf(db, learner.id)).map((s) => s.id);
      expect(new Set(ids)).toEqual(union);
      expect(ids).toHaveLength(union.size);
      expect(await db.outbox.count()).toBe(0);
    }
    expect(await hub.storage.statements.count()).toBe(union.size);
  });

  it('isolates a statement the hub already holds in another form (409), delivers the rest, and keeps it on the device', async () => {
    const db = await device();
    const mine = studied('clash', 12, '2026-03-04');
    const clash = mine[5];
    if (!clash) throw new Error('fixture');
    await hub.storage.statements.insert([{ ...clash, result: { completion: true } }]);
    await recordStatements(db, mine);
    const before = await hub.storage.statements.count();
    const report = await syncOnce(db, { endpoint }, [learner.id], realFetch);
    expect(report).toMatchObject({ pushed: 11, pending: 1, error: 'conflict', held: [expect.objectContaining({ id: clash.id, code: 'conflict' })] });
    expect(await hub.storage.statements.count()).toBe(before + 11);
    expect(await db.statements.get(clash.id)).toMatchObject({ statement: clash });
    expect(await db.outbox.get(clash.id)).toBeDefined();
  });

  it('compresses what it sends to a hub that says it accepts gzip, in batches of 500, and the hub stores it as sent', async () => {
    const db = await device();
    const mine = studied('gzip', 1100, '2026-03-05');
    await recordStatements(db, mine);
    const posts: { encoding: string | null; bytes: number }[] = [];
    const recording: FetchLike = async (url, init) => {
      if (init.method === 'POST') {
        const body = init.body;
        posts.push({ encoding: new Headers(init.headers).get('Content-Encoding'), bytes: typeof body === 'string' ? body.length : body instanceof Uint8Array ? body.byteLength : -1 });
      }
      return realFetch(url, init);
    };
    expect(await pushOutbox(db, { endpoint }, recording)).toMatchObject({ pushed: 1100, pending: 0 });
    expect(posts).toEqual([500, 500, 100].map(() => ({ encoding: 'gzip', bytes: expect.any(Number) })));
    // Statements of one learner repeat most of their text: gzip takes the batches well under a quarter.
    expect(posts.reduce((n, p) => n + p.bytes, 0)).toBeLessThan(utf8Length(JSON.stringify(mine)) / 4);
    for (const s of mine) expect(await hub.storage.statements.get(s.id, false)).toMatchObject({ id: s.id, verb: s.verb, object: s.object });
  });

  it('sends plain JSON in batches of 200 when told not to compress, as to an LRS that does not declare gzip', async () => {
    const db = await device();
    await recordStatements(db, studied('plain', 230, '2026-03-06'));
    const encodings: (string | null)[] = [];
    const recording: FetchLike = async (url, init) => {
      if (init.method === 'POST') encodings.push(new Headers(init.headers).get('Content-Encoding'));
      return realFetch(url, init);
    };
    expect(await pushOutbox(db, { endpoint }, recording, { gzip: false })).toMatchObject({ pushed: 230 });
    expect(encodings).toEqual([null, null]);
  });
});
