/**
 * Sync chaos: five laptops make 10,000 statements while they sync with a real hub
 * over real HTTP on 127.0.0.1, each through a proxy that loses 30% of requests or
 * replies (before the hub sees the request, or after it stored the batch), delivers
 * some requests twice, and the hub is closed and started again on the same storage
 * three times mid-run. At the end the hub must hold each statement once, unchanged,
 * every outbox must be empty and every laptop must hold everything its learners did
 * anywhere.
 *
 * Everything random comes from one seed, printed at the start; replay a failure with
 * BARAZA_CHAOS_SEED=<seed> npx vitest run test/unit/syncChaos.test.ts
 */
import 'fake-indexeddb/auto';
import { isDeepStrictEqual } from 'node:util';
import { expect, it } from 'vitest';
import type { Json } from '../../hub/lrs/store';
import { describeEachEngine, startHub, type RunningHub, type TestEngine } from '../../hub/testing/engines';
import { ChaosDevice } from './chaosDevice';
import { chaosDevices, studyOn } from './chaosFixtures';
import { FAULTS } from './flakyNetwork';
import { seedFrom, streamFor } from './seededRandom';

const SEED = seedFrom('BARAZA_CHAOS_SEED');
const PER_DEVICE = 2_000;
const LOSS_RATE = 0.3;
/** The hub restarts when it holds this many statements. */
const RESTART_AT = [1_500, 4_500, 7_500];
const DEADLINE_MS = 100_000;

console.log(`sync chaos seed ${SEED} (replay: BARAZA_CHAOS_SEED=${SEED} npx vitest run test/unit/syncChaos.test.ts)`);

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every statement the hub holds, by id, read straight from its storage. */
async function everythingOn(hub: RunningHub): Promise<Map<string, Json>> {
  const all = new Map<string, Json>();
  let after: number | undefined;
  for (;;) {
    const page = await hub.hub.storage.statements.query({ limit: 500, ascending: true, ...(after === undefined ? {} : { after }) });
    for (const s of page.statements) {
      // Two copies under one id would show here even if the store's own count hid them.
      if (all.has(String(s.id))) throw new Error(`The hub returned statement ${String(s.id)} twice`);
      all.set(String(s.id), s);
    }
    if (page.next === null) return all;
    after = page.next;
  }
}

/** The statement as the device made it: what an LRS sets on every statement it keeps (`stored`, `authority`) taken off. */
function asMade(statement: object): object {
  return Object.fromEntries(Object.entries(statement).filter(([name]) => name !== 'stored' && name !== 'authority'));
}

/** How many pairs differ, and the first whole, so a failure shows one example instead of 10,000 ids. */
function differences(pairs: readonly (readonly [expected: unknown, actual: unknown])[]): { differing: number; example?: { expected: unknown; actual: unknown } } {
  const differing = pairs.filter(([expected, actual]) => !isDeepStrictEqual(expected, actual));
  const [first] = differing;
  return { differing: differing.length, ...(first ? { example: { expected: first[0], actual: first[1] } } : {}) };
}

/** The hub client named as a statement's authority (the one that first stored it). */
function authorityKey(statement: object): unknown {
  const authority: unknown = 'authority' in statement ? statement.authority : undefined;
  if (typeof authority !== 'object' || authority === null || !('account' in authority)) return undefined;
  const account: unknown = authority.account;
  return typeof account === 'object' && account !== null && 'name' in account ? account.name : undefined;
}

/** Restarts the hub at the thresholds; the devices see 502s from their proxies while it is down. */
class HubConductor {
  current: RunningHub | null;
  readonly restarts: RunningHub[] = [];

  constructor(
    private readonly engine: TestEngine,
    readonly first: RunningHub,
    private readonly random: () => number,
  ) {
    this.current = first;
  }

  readonly origin = (): string | null => this.current?.base ?? null;

  async maybeRestart(): Promise<void> {
    const running = this.current;
    const threshold = RESTART_AT[this.restarts.length];
    if (!running || threshold === undefined || (await running.hub.storage.statements.count()) < threshold) return;
    this.current = null;
    await running.close();
    // Down for a moment, as a hub being updated or rebooted is.
    await pause(50 + Math.floor(this.random() * 200));
    const next = await startHub(this.engine, this.first.config);
    this.restarts.push(next);
    this.current = next;
  }

  async stopAll(): Promise<void> {
    for (const hub of this.restarts) await hub.stop();
    await this.first.stop();
  }
}

describeEachEngine('sync through a lossy network and a restarting hub', (engine) => {
  it('delivers 10,000 statements from five laptops once each, unchanged, and every laptop ends with its learners’ union', { timeout: DEADLINE_MS + 30_000 }, async () => {
    const started = performance.now();
    const specs = chaosDevices(SEED);
    const made = specs.map((spec) => studyOn(SEED, spec, PER_DEVICE));
    const original = new Map(made.flat().map((s) => [s.id, s]));
    const union = new Map<string, Set<string>>();
    for (const s of original.values()) {
      const learner = s.actor.account.name;
      union.set(learner, (union.get(learner) ?? new Set()).add(s.id));
    }
    expect(original.size).toBe(specs.length * PER_DEVICE);

    const conductor = new HubConductor(engine, await startHub(engine), streamFor(SEED, 'hub'));
    const devices: ChaosDevice[] = [];
    /** Which hub client made each statement. */
    const sender = new Map<string, string>();
    try {
      for (const [i, spec] of specs.entries()) {
        const client = await conductor.first.hub.storage.clients.add(spec.name);
        for (const s of made[i] ?? []) sender.set(s.id, client.key);
        devices.push(await ChaosDevice.start(spec, { seed: SEED, hub: conductor.origin, auth: { username: client.key, password: client.secret }, lossRate: LOSS_RATE, statements: made[i] ?? [] }));
      }
      let studied = false;
      const studying = Promise.all(devices.map((d) => d.study())).then(() => {
        studied = true;
      });

      const converged = async (): Promise<boolean> => {
        const hub = conductor.current;
        if (!studied || !hub || conductor.restarts.length < RESTART_AT.length) return false;
        if ((await hub.hub.storage.statements.count()) !== original.size) return false;
        for (const d of devices) {
          if ((await d.outbox()).unsent > 0) return false;
          for (const learner of d.spec.learners) if ((await d.db.statements.where('learnerId').equals(learner.id).count()) !== union.get(learner.id)?.size) return false;
        }
        return true;
      };
      while (!(await converged()) && performance.now() - started < DEADLINE_MS) {
        await conductor.maybeRestart();
        await pause(50);
      }
      await studying;
      for (const d of devices) await d.switchOff();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const counts = Object.fromEntries(([...FAULTS, 'hub-down', 'stored-reply-lost'] as const).map((f) => [f, devices.reduce((n, d) => n + d.link.counts[f], 0)]));
      console.log(`sync chaos [${engine.name}] seed ${SEED}: ${seconds} s, ${conductor.restarts.length} restarts, requests ${JSON.stringify(counts)}`);

      // The chaos really happened.
      expect(conductor.restarts).toHaveLength(RESTART_AT.length);
      for (const fault of FAULTS) expect(counts[fault], fault).toBeGreaterThan(0);
      // Batches the hub stored whose reply never arrived, so the device sent them again.
      expect(counts['stored-reply-lost']).toBeGreaterThan(0);

      // The hub holds exactly the 10,000, each once, each as the device made it.
      const hub = conductor.current;
      if (!hub) throw new Error('The hub is down at the end of the run');
      expect(await hub.hub.storage.statements.count()).toBe(original.size);
      const onHub = await everythingOn(hub);
      expect([...original.keys()].filter((id) => !onHub.has(id))).toEqual([]);
      expect(onHub.size).toBe(original.size);
      expect(differences([...original.values()].map((s) => [s, asMade(onHub.get(s.id) ?? {})] as const))).toEqual({ differing: 0 });
      // Resending a batch did not change who vouches for it: each names the laptop that sent it.
      expect(differences([...onHub.values()].map((s) => [sender.get(String(s.id)), authorityKey(s)] as const))).toEqual({ differing: 0 });

      for (const d of devices) {
        // Nothing waits in any outbox, and nothing was held back as refused.
        expect(await d.outbox(), d.spec.name).toEqual({ unsent: 0, held: 0 });
        // Each laptop holds, for each of its learners, everything that learner did on any laptop, and nothing else.
        const rows = await d.db.statements.toArray();
        const expected = new Set(d.spec.learners.flatMap((l) => [...(union.get(l.id) ?? [])]));
        expect(rows.length, d.spec.name).toBe(expected.size);
        expect(new Set(rows.map((r) => r.id)), d.spec.name).toEqual(expected);
        // Its own statements are untouched; pulled ones are the original plus the hub's `stored` and `authority`.
        const mine = new Set(d.made.map((s) => s.id));
        const asRecorded = rows.map((r) => [original.get(r.id), mine.has(r.id) ? r.statement : asMade(r.statement)] as const);
        expect(differences(asRecorded), d.spec.name).toEqual({ differing: 0 });
        const indexed = rows.map((r) => [{ learnerId: original.get(r.id)?.actor.account.name, timestamp: original.get(r.id)?.timestamp }, { learnerId: r.learnerId, timestamp: r.timestamp }] as const);
        expect(differences(indexed), d.spec.name).toEqual({ differing: 0 });
      }
    } finally {
      for (const d of devices) await d.switchOff();
      for (const d of devices) await d.dispose();
      await conductor.stopAll();
    }
  });
});
