/**
 * One laptop of the sync chaos test: its own IndexedDB (fake-indexeddb), the
 * app's real SyncLoop pushing and pulling through its own flaky link to the
 * hub, and the statements its learners make while it syncs.
 */
import Dexie from 'dexie';
import type { SyncTarget } from '../../core/sync/protocol';
import type { Statement } from '../../core/xapi/statement';
import { openDatabase, type BarazaDb } from '../../renderer/db/database';
import { recordStatements } from '../../renderer/db/statements';
import { heldStatements } from '../../renderer/sync/held';
import { SyncLoop } from '../../renderer/sync/syncLoop';
import type { FetchLike } from '../../renderer/sync/transport';
import type { DeviceSpec } from './chaosFixtures';
import { faultPicker, startFlakyLink, type FlakyLink } from './flakyNetwork';
import { streamFor } from './seededRandom';

export interface DeviceOptions {
  readonly seed: number;
  /** The hub's origin now, or null while it is down. */
  readonly hub: () => string | null;
  readonly auth: SyncTarget['auth'];
  readonly lossRate: number;
  /** What its learners will study on it, in order. */
  readonly statements: readonly Statement[];
}

// Short waits so the test spends its time syncing, not sleeping; the policy's shape is the app's.
const BACKOFF = { baseMs: 5, capMs: 100 };
const PROBE_EVERY_MS = 20;
const SESSION = 100;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ChaosDevice {
  private off = false;
  private inFlight = 0;
  private switchedOff: Promise<void> | undefined;
  private readonly loop: SyncLoop;

  private constructor(
    readonly spec: DeviceSpec,
    readonly db: BarazaDb,
    readonly link: FlakyLink,
    readonly made: readonly Statement[],
    seed: number,
    auth: SyncTarget['auth'],
  ) {
    const learners = spec.learners.map((l) => l.id);
    this.loop = new SyncLoop({
      db,
      target: this.target(auth),
      fetchImpl: this.fetch,
      learners: async () => learners,
      random: streamFor(seed, `backoff:${spec.name}`),
      backoff: BACKOFF,
      probeEveryMs: PROBE_EVERY_MS,
    });
  }

  static async start(spec: DeviceSpec, options: DeviceOptions): Promise<ChaosDevice> {
    const db = openDatabase(`chaos-${spec.name}-${crypto.randomUUID()}`);
    await db.open();
    const link = await startFlakyLink(options.hub, faultPicker(streamFor(options.seed, `link:${spec.name}`), options.lossRate));
    const device = new ChaosDevice(spec, db, link, options.statements, options.seed, options.auth);
    device.loop.start();
    return device;
  }

  /** The hub as this laptop knows it: through its own flaky link. */
  target(auth?: SyncTarget['auth']): SyncTarget {
    return { endpoint: `${this.link.origin}/xapi/`, ...(auth ? { auth } : {}) };
  }

  /** Node's own fetch, refused once the laptop is switched off, and counted while under way. */
  private readonly fetch: FetchLike = async (url, init) => {
    if (this.off) throw new TypeError('fetch failed: this laptop is switched off');
    this.inFlight++;
    try {
      return await fetch(url, init);
    } finally {
      this.inFlight--;
    }
  };

  /** Records its statements a session at a time while the loop keeps syncing. */
  async study(): Promise<void> {
    for (let from = 0; from < this.made.length; from += SESSION) {
      await recordStatements(this.db, this.made.slice(from, from + SESSION));
      // Lets the loop and the other laptops run between sessions.
      await pause(0);
    }
  }

  async outbox(): Promise<{ unsent: number; held: number }> {
    return { unsent: await this.db.outbox.count(), held: (await heldStatements(this.db, this.target())).length };
  }

  /** Stops syncing and returns once no run, probe or request of it is still under way. */
  switchOff(): Promise<void> {
    return (this.switchedOff ??= this.quiesce());
  }

  private async quiesce(): Promise<void> {
    this.off = true;
    this.loop.stop();
    // A probe's reply may still be read after its request settled: wait for a quiet spell.
    for (let quiet = 0; quiet < 3; quiet = this.inFlight === 0 ? quiet + 1 : 0) await pause(20);
    // Joins a run still going; one started now fails at once, offline.
    await this.loop.syncNow();
  }

  async dispose(): Promise<void> {
    this.db.close();
    await Dexie.delete(this.db.name);
    await this.link.close();
  }
}
