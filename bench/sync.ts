/**
 * Sync benchmark, per storage engine (SQLite always, PostgreSQL when a database is named):
 * - hub ingest: 10,000 statements POSTed in batches to the real hub over HTTP, beside the
 *   same rows written straight into the hub's own table, alternated in one run;
 * - end to end: 10,000 statements in one laptop's Dexie outbox pushed by the app's own
 *   `pushOutbox` to the hub, timed, with the HTTP bytes counted on the hub's sockets; the
 *   laptop is headless Chromium (real IndexedDB) and, once, Node with fake-indexeddb.
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xapiHeaders, type SyncTarget } from '../core/sync/protocol';
import { answerSubmitted, moduleCompleted, quizScored, sectionRead, type EventEnvelope, type Learner, type Statement } from '../core/xapi/statement';
import { createHub, type Hub } from '../hub/hub';
import { rowOf, type StatementRow } from '../hub/lrs/statementRows';
import { openStorage, type StorageConfig } from '../hub/lrs/storage';
import type { EngineName } from '../hub/lrs/store';
import type { NamedTiming, Timing } from './packInstall';
import { postgres, sqlite, type BenchEngine } from './syncEngines';
import { BATCH_GZIPPED } from '../renderer/sync/engine';
import { chromiumLaptop, nodeLaptop, type Laptop, type PushSample, type StepSamples } from './syncLaptop';

export interface EndToEndFigures {
  /** Where the app's device code ran: Chromium (real IndexedDB) or Node (fake-indexeddb). */
  readonly laptop: string;
  readonly how: string;
  /** Whether the POST bodies actually went out gzipped. */
  readonly gzipped: boolean;
  /** `pushOutbox` from a full outbox until every row is marked synced. */
  readonly push: Timing;
  /** Median time of the same runs spent waiting on `fetch` (the network and the hub). */
  readonly waitingMs: number;
  readonly requests: number;
  /** HTTP bytes (request lines, headers, bodies) read and written by the hub, per statement. */
  readonly requestBytesPerStatement: number;
  readonly replyBytesPerStatement: number;
}

export interface SyncEngineFigures {
  readonly engine: EngineName;
  /** How the raw side writes its rows. */
  readonly rawName: string;
  readonly hubIngest: Timing;
  readonly rawIngest: Timing;
  readonly endToEnd: EndToEndFigures[];
}

/** The device-side steps of a push on their own, per laptop. */
export interface LaptopSteps {
  readonly laptop: string;
  readonly steps: readonly NamedTiming[];
}

export interface SyncFigures {
  readonly date: string;
  readonly runs: number;
  /** Pushes from the Node laptop (fake-indexeddb is slow, so fewer). */
  readonly nodeRuns: number;
  readonly statements: number;
  readonly batch: number;
  readonly engines: readonly SyncEngineFigures[];
  readonly deviceSteps: readonly LaptopSteps[];
  /** Why PostgreSQL was not measured, when it was not. */
  readonly skipped?: string;
  readonly targets: { readonly hubShareOfRaw: number; readonly pushSeconds: number; readonly requestBytesPerStatement: number };
}

const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);
const NODE_RUNS = Number(process.env.BENCH_SYNC_NODE_RUNS ?? 1);
const STEP_ROUNDS = 5;
const STATEMENTS = 10_000;
/** The app's own batch size to a hub that takes gzip, as this one does (pushOutbox's default then). */
const BATCH = Number(process.env.BENCH_SYNC_BATCH ?? BATCH_GZIPPED);
/** Three colleagues on one shared laptop, each studying modules in order in their own language. */
const LEARNERS: readonly (Learner & { language: string; sections: readonly string[] })[] = [
  { id: crypto.randomUUID(), name: 'Amina Diallo', language: 'fr', sections: ['Pourquoi gouverner l’IA', 'Les acteurs du cycle de vie', 'Obligations des fournisseurs', 'Évaluer les risques'] },
  { id: crypto.randomUUID(), name: 'Layla Haddad', language: 'ar', sections: ['لماذا نحوكم الذكاء الاصطناعي', 'الجهات الفاعلة', 'التزامات المزودين', 'تقييم المخاطر'] },
  { id: crypto.randomUUID(), name: 'Neema Mwakyusa', language: 'sw', sections: ['Kwa nini tusimamie AI', 'Wahusika', 'Wajibu wa watoa huduma', 'Kutathmini hatari'] },
];

/** What the learners on the laptop record: for each module, sections read, quiz answers, a score, completion. */
function studied(count: number): Statement[] {
  const out: Statement[] = [];
  let at = Date.parse('2026-03-02T07:30:00.000Z');
  for (let step = 0; out.length < count; step++) {
    const learner = LEARNERS[step % LEARNERS.length] ?? LEARNERS[0];
    if (!learner) break;
    const env = (): EventEnvelope => ({ id: crypto.randomUUID(), timestamp: new Date((at += 45_000)).toISOString(), learner, language: learner.language });
    const moduleId = `module-${(Math.floor(step / LEARNERS.length) % 10) + 1}`;
    const ref = { packId: 'ai-governance', moduleId, quizId: `${moduleId}-check`, attemptId: crypto.randomUUID() };
    learner.sections.forEach((title, i) => out.push(sectionRead(env(), { ...ref, sectionId: `s${i + 1}`, title })));
    for (let q = 1; q <= 5; q++) out.push(answerSubmitted(env(), { ...ref, questionId: `q${q}`, kind: 'single', response: [q % 3 ? 'b' : 'c'], correct: ['b'] }));
    out.push(quizScored(env(), { ...ref, raw: 4, max: 5, passed: true }), moduleCompleted(env(), ref));
  }
  return out.slice(0, count);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function timing(samples: number[]): Timing {
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), samples };
}

/** A hub on 127.0.0.1 with one client, its credentials already checked once (a running hub has them cached), and a count of the bytes on its sockets. */
interface BenchHub {
  readonly hub: Hub;
  readonly target: SyncTarget;
  /** Bytes read and written on the hub's sockets so far. */
  bytes(): { read: number; written: number };
}

async function startBenchHub(dir: string, config: StorageConfig): Promise<BenchHub> {
  const hub = createHub(dir, config);
  await hub.storage.ready;
  const client = await hub.storage.clients.add('Shared laptop');
  const sockets = new Set<Socket>();
  hub.server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
  const target: SyncTarget = { endpoint: `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}/xapi/`, auth: { username: client.key, password: client.secret } };
  const warm = await fetch(`${target.endpoint}statements?limit=1`, { headers: xapiHeaders(target, false) });
  if (warm.status !== 200) throw new Error(`The hub refused the bench's client: ${warm.status} ${await warm.text()}`);
  const bytes = (): { read: number; written: number } => [...sockets].reduce((n, s) => ({ read: n.read + s.bytesRead, written: n.written + s.bytesWritten }), { read: 0, written: 0 });
  return { hub, target, bytes };
}

/** A fresh hub on fresh storage for `work`, removed afterwards. */
async function withHub<T>(engine: BenchEngine, work: (hub: BenchHub, config: StorageConfig) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `baraza-bench-sync-${engine.name}-`));
  const config = await engine.fresh(dir);
  try {
    const hub = await startBenchHub(dir, config);
    try {
      return await work(hub, config);
    } finally {
      await hub.hub.close();
    }
  } finally {
    await engine.drop(config);
    await rm(dir, { recursive: true, force: true });
  }
}

/** The batches POSTed one after another over one keep-alive connection, gzipped as the app sends them, made before the clock starts. */
async function hubIngest(engine: BenchEngine, bodies: readonly Uint8Array<ArrayBuffer>[]): Promise<number> {
  return withHub(engine, async ({ target }) => {
    const url = `${target.endpoint}statements`;
    const headers = { ...xapiHeaders(target, true), 'Content-Encoding': 'gzip' };
    const started = performance.now();
    for (const body of bodies) {
      const reply = await fetch(url, { method: 'POST', headers, body });
      if (reply.status !== 200) throw new Error(`The hub refused a batch: ${reply.status} ${await reply.text()}`);
      await reply.arrayBuffer();
    }
    return performance.now() - started;
  });
}

/** The same rows (as the hub would make them) into a fresh, migrated statements table. */
async function rawIngest(engine: BenchEngine, batches: readonly StatementRow[][]): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), `baraza-bench-raw-${engine.name}-`));
  const config = await engine.fresh(dir);
  try {
    const store = openStorage(config);
    await store.ready;
    await store.close();
    return await engine.rawInsert(config, batches);
  } finally {
    await engine.drop(config);
    await rm(dir, { recursive: true, force: true });
  }
}

const VARIANTS = [
  { how: 'as the app sends (gzip when the hub’s About offers it)', gzip: undefined },
  { how: 'plain JSON (gzip: false)', gzip: false },
] as const;

/** `runs` pushes of the whole outbox, each to a fresh hub; bytes read from the hub's sockets. */
async function endToEnd(engine: BenchEngine, laptop: Laptop, variant: (typeof VARIANTS)[number], runs: number): Promise<EndToEndFigures> {
  const samples: (PushSample & { read: number; written: number })[] = [];
  for (let run = 0; run < runs; run++) {
    samples.push(
      await withHub(engine, async ({ target, bytes }) => {
        const before = bytes();
        const sample = await laptop.push(target, variant.gzip);
        const after = bytes();
        return { ...sample, read: after.read - before.read, written: after.written - before.written };
      }),
    );
  }
  const median = (of: (s: (typeof samples)[number]) => number): number => quantile(samples.map(of), 0.5);
  return {
    laptop: laptop.name,
    how: variant.how,
    gzipped: samples.every((s) => s.gzipped),
    push: timing(samples.map((s) => s.ms)),
    waitingMs: median((s) => s.waitingMs),
    requests: median((s) => s.requests),
    requestBytesPerStatement: median((s) => s.read) / STATEMENTS,
    replyBytesPerStatement: median((s) => s.written) / STATEMENTS,
  };
}

async function ingest(engine: BenchEngine, statements: readonly Statement[]): Promise<Pick<SyncEngineFigures, 'hubIngest' | 'rawIngest'>> {
  const batches = chunks(statements, BATCH);
  const bodies = batches.map((batch) => new Uint8Array(gzipSync(JSON.stringify(batch))));
  const stored = new Date().toISOString();
  // The hub names the sending client as each statement's authority; the raw rows carry one of the same size.
  const authority = { objectType: 'Agent', name: 'Shared laptop', account: { homePage: 'https://baraza.invalid/hub/clients', name: randomBytes(12).toString('hex') } };
  const rows = batches.map((batch) => batch.map((s) => rowOf({ ...s }, stored, authority)));
  const hub: number[] = [];
  const raw: number[] = [];
  // Round 0 warms the JIT and the database's caches and is not counted; the order alternates.
  for (let round = 0; round <= RUNS; round++) {
    const hubFirst = round % 2 === 0;
    const first = hubFirst ? await hubIngest(engine, bodies) : await rawIngest(engine, rows);
    const second = hubFirst ? await rawIngest(engine, rows) : await hubIngest(engine, bodies);
    if (round === 0) continue;
    hub.push(hubFirst ? first : second);
    raw.push(hubFirst ? second : first);
  }
  return { hubIngest: timing(hub), rawIngest: timing(raw) };
}

async function deviceSteps(laptop: Laptop): Promise<LaptopSteps> {
  const samples: StepSamples = await laptop.steps(BATCH, STEP_ROUNDS);
  return {
    laptop: laptop.name,
    steps: [
      { name: `read the outbox (${STATEMENTS.toLocaleString('en')} statements, oldest first)`, timing: timing(samples.read) },
      { name: `take ${BATCH} confirmed statements out of the outbox`, timing: timing(samples.mark) },
    ],
  };
}

export async function runSyncBench(): Promise<SyncFigures> {
  const statements = studied(STATEMENTS);
  const pgUrl = (process.env.BARAZA_TEST_DATABASE_URL ?? process.env.DATABASE_URL)?.trim() || undefined;
  const engines = [sqlite, ...(pgUrl ? [postgres(pgUrl)] : [])];
  const figures: SyncEngineFigures[] = [];
  const steps: LaptopSteps[] = [];
  const chromium = await chromiumLaptop(statements);
  try {
    for (const engine of engines) {
      const pushes: EndToEndFigures[] = [];
      for (const variant of VARIANTS) pushes.push(await endToEnd(engine, chromium, variant, RUNS));
      figures.push({ engine: engine.name, rawName: engine.rawName, ...(await ingest(engine, statements)), endToEnd: pushes });
    }
    steps.push(await deviceSteps(chromium));
  } finally {
    await chromium.close();
  }
  // The laptop side does not depend on the hub's engine: the (slow) Node laptop is measured against SQLite only.
  const node = await nodeLaptop(statements);
  figures[0]?.endToEnd.push(await endToEnd(sqlite, node, VARIANTS[0], NODE_RUNS));
  steps.push(await deviceSteps(node));
  const skipped = pgUrl ? undefined : 'PostgreSQL skipped: neither BARAZA_TEST_DATABASE_URL nor DATABASE_URL is set (start one with eval "$(bash hub/testing/postgres.sh)")';
  return {
    date: new Date().toISOString(),
    runs: RUNS,
    nodeRuns: NODE_RUNS,
    statements: STATEMENTS,
    batch: BATCH,
    engines: figures,
    deviceSteps: steps,
    ...(skipped ? { skipped } : {}),
    targets: { hubShareOfRaw: 0.5, pushSeconds: 3, requestBytesPerStatement: 250 },
  };
}
