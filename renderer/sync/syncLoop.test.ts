import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../core/sync/protocol';
import { sectionRead } from '../../core/xapi/statement';
import { openDatabase, type BarazaDb } from '../db/database';
import { recordStatements } from '../db/statements';
import { FakeLrs, faultyFetch, type Fault } from './fakeLrs.testing';
import { SyncLoop, type OnlineEvents, type Schedule } from './syncLoop';

const target = { endpoint: 'https://hub.test/xapi/' };
let db: BarazaDb;

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Timers the test fires by hand. */
function manualTimers(): { schedule: Schedule; pending: () => { ms: number; fire: () => void }[] } {
  const timers: { ms: number; fn: () => void; live: boolean }[] = [];
  const schedule: Schedule = (fn, ms) => {
    const t = { ms, fn, live: true };
    timers.push(t);
    return () => {
      t.live = false;
    };
  };
  return {
    schedule,
    pending: () =>
      timers
        .filter((t) => t.live)
        .map((t) => ({
          ms: t.ms,
          fire: () => {
            t.live = false;
            t.fn();
          },
        })),
  };
}

function onlineEvents(): OnlineEvents & { fire: () => void; count: () => number } {
  const listeners = new Set<() => void>();
  return {
    addEventListener: (_type, fn) => listeners.add(fn),
    removeEventListener: (_type, fn) => listeners.delete(fn),
    fire: () => listeners.forEach((fn) => fn()),
    count: () => listeners.size,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
}

async function setup(fault: (url: string) => Fault) {
  db = openDatabase(`loop-test-${crypto.randomUUID()}`);
  await db.open();
  const statements = Array.from({ length: 3 }, (_, i) =>
    sectionRead({ id: crypto.randomUUID(), timestamp: `2026-02-01T00:0${i}:00Z`, learner: { id: 'L1', name: 'L1' }, language: 'en' }, { packId: 'p', moduleId: 'm', sectionId: `s${i}` }),
  );
  await recordStatements(db, statements);
  const lrs = new FakeLrs();
  const timers = manualTimers();
  const events = onlineEvents();
  const reports: SyncReport[] = [];
  const loop = new SyncLoop({
    db,
    target,
    fetchImpl: faultyFetch(lrs.fetch, fault),
    learners: async () => ['L1'],
    schedule: timers.schedule,
    random: () => 0.5,
    now: () => new Date('2026-03-01T12:00:00Z'),
    backoff: { baseMs: 1_000, capMs: 5_000 },
    probeEveryMs: 60_000,
    onlineEvents: events,
  });
  loop.subscribe((r) => reports.push(r));
  return { lrs, timers, events, loop, reports };
}

describe('SyncLoop', () => {
  it('backs off with jitter and a cap while offline, and syncs at once when the browser comes online', async () => {
    let offline = true;
    const { timers, events, loop, reports } = await setup(() => (offline ? 'throw' : 'ok'));
    loop.start();
    expect(timers.pending().map((t) => t.ms)).toEqual([0]);
    timers.pending()[0]?.fire(); // the first probe fails: probe again later
    await settle();
    expect(timers.pending().map((t) => t.ms)).toEqual([60_000]);

    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await loop.syncNow();
      delays.push(...timers.pending().map((t) => t.ms));
    }
    // random = 0.5: half of min(cap, base·2^n).
    expect(delays).toEqual([500, 1_000, 2_000, 2_500, 2_500]);
    expect(reports.at(-1)).toMatchObject({ error: 'offline', pending: 3 });
    expect(reports.at(-1)?.lastSuccess).toBeUndefined();

    offline = false;
    events.fire();
    await settle();
    expect(reports.at(-1)).toMatchObject({ pushed: 3, pending: 0, lastSuccess: '2026-03-01T12:00:00.000Z' });
    expect(reports.at(-1)?.error).toBeUndefined();
    expect(timers.pending().map((t) => t.ms)).toEqual([60_000]); // back to probing, backoff reset

    offline = true;
    await loop.syncNow();
    expect(timers.pending().map((t) => t.ms)).toEqual([500]);
    expect(loop.report).toMatchObject({ error: 'offline', lastSuccess: '2026-03-01T12:00:00.000Z' });
    loop.stop();
  });

  it('starts a run when the probe (GET /about) answers, and that run does not ask About again', async () => {
    const asked: string[] = [];
    const { lrs, timers, loop, reports } = await setup((url) => {
      asked.push(new URL(url).pathname);
      return 'ok';
    });
    loop.start();
    timers.pending()[0]?.fire();
    await settle();
    expect(lrs.statements.size).toBe(3);
    expect(reports.at(-1)).toMatchObject({ pushed: 3, pending: 0 });
    expect(asked.filter((path) => path.endsWith('/about'))).toHaveLength(1);
    // "Sync now" has no fresh probe to go by, so it asks.
    await recordStatements(db, [sectionRead({ id: crypto.randomUUID(), timestamp: '2026-02-02T00:00:00Z', learner: { id: 'L1', name: 'L1' }, language: 'en' }, { packId: 'p', moduleId: 'm', sectionId: 'later' })]);
    await loop.syncNow();
    expect(asked.filter((path) => path.endsWith('/about'))).toHaveLength(2);
    loop.stop();
  });

  it('runs one sync at a time: a second call joins the run under way', async () => {
    const { lrs, loop } = await setup(() => 'ok');
    const [a, b] = await Promise.all([loop.syncNow(), loop.syncNow()]);
    expect(a).toBe(b);
    expect(lrs.posts).toHaveLength(1);
    expect(lrs.statements.size).toBe(3);
  });

  it('stops listening and cancels its timer when stopped', async () => {
    const { timers, events, loop } = await setup(() => 'ok');
    loop.start();
    expect(events.count()).toBe(1);
    loop.stop();
    expect(events.count()).toBe(0);
    expect(timers.pending()).toEqual([]);
  });
});
