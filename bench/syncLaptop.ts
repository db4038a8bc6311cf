/**
 * The laptop side of the sync benchmark: the app's own device code (Dexie outbox,
 * pushOutbox) in headless Chromium with a real IndexedDB, or in Node with
 * fake-indexeddb as the tests run it. The code that runs on the laptop is one
 * plain-JS text, so both measure exactly the same steps.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { SyncTarget } from '../core/sync/protocol';
import type { Statement } from '../core/xapi/statement';
import { launch, newProfileDir, removeDir, ROOT } from '../test/e2e/harness';

/** What one push reports; bytes are counted on the hub's side. */
export interface PushSample {
  readonly ms: number;
  /** Time spent waiting on `fetch` (the network and the hub). */
  readonly waitingMs: number;
  readonly requests: number;
  /** Whether the POST bodies went out gzipped. */
  readonly gzipped: boolean;
}

/** Milliseconds of each device-side step of a push, one sample per round, in a full outbox. */
export interface StepSamples {
  readonly read: number[];
  readonly mark: number[];
}

/** A laptop whose outbox is filled with the statements (not timed) before each push or step run. */
export interface Laptop {
  readonly name: string;
  push(target: SyncTarget, gzip: boolean | undefined): Promise<PushSample>;
  steps(batch: number, rounds: number): Promise<StepSamples>;
  close(): Promise<void>;
}

/** Makes a fresh device database, fills its outbox, runs `work(db)`, deletes it. */
const WITH_OUTBOX = `async ({ openDatabase, recordStatements }, statements, work) => {
  const db = openDatabase('bench-sync-' + crypto.randomUUID());
  try {
    for (let i = 0; i < statements.length; i += 1000) await recordStatements(db, statements.slice(i, i + 1000));
    return await work(db);
  } finally {
    await db.delete();
  }
}`;

/** The whole outbox pushed by pushOutbox; `fetch` is wrapped only to count and time requests. */
const PUSH = `async (app, statements, target, gzip) => (${WITH_OUTBOX})(app, statements, async (db) => {
  let waitingMs = 0, requests = 0, gzipped = false;
  const counting = async (url, init) => {
    requests++;
    gzipped = gzipped || new Headers(init.headers).get('Content-Encoding') === 'gzip';
    const started = performance.now();
    try { return await fetch(url, init); } finally { waitingMs += performance.now() - started; }
  };
  const started = performance.now();
  const result = await app.pushOutbox(db, target, counting, gzip === null ? {} : { gzip });
  const ms = performance.now() - started;
  if (result.pushed !== statements.length || result.pending !== 0) throw new Error('The push did not deliver everything: ' + JSON.stringify(result));
  return { ms, waitingMs, requests, gzipped };
})`;

/** Steps of a push on their own: reading the outbox, and taking a confirmed batch out of it, as pushOutbox does. */
const STEPS = `async (app, statements, batch, rounds) => (${WITH_OUTBOX})(app, statements, async (db) => {
  const time = async (act) => { const started = performance.now(); await act(); return performance.now() - started; };
  const ids = (await app.unsentStatements(db)).map((r) => r.id);
  const out = { read: [], mark: [] };
  for (let r = 0; r < rounds; r++) {
    out.read.push(await time(() => app.unsentStatements(db)));
    out.mark.push(await time(() => app.markSent(db, ids.slice(r * batch, (r + 1) * batch))));
  }
  return out;
})`;

function isPushSample(value: unknown): value is PushSample {
  if (typeof value !== 'object' || value === null) return false;
  const v: Partial<Record<keyof PushSample, unknown>> = value;
  return typeof v.ms === 'number' && typeof v.waitingMs === 'number' && typeof v.requests === 'number' && typeof v.gzipped === 'boolean';
}

function isStepSamples(value: unknown): value is StepSamples {
  if (typeof value !== 'object' || value === null) return false;
  const v: Partial<Record<keyof StepSamples, unknown>> = value;
  const numbers = (x: unknown): boolean => Array.isArray(x) && x.every((n) => typeof n === 'number');
  return numbers(v.read) && numbers(v.mark);
}

function checked<T>(value: unknown, guard: (v: unknown) => v is T, what: string): T {
  if (!guard(value)) throw new Error(`The laptop's ${what} reported ${JSON.stringify(value)}`);
  return value;
}

/** In Node, with fake-indexeddb installed only now, before Dexie first looks for an IndexedDB. */
export async function nodeLaptop(statements: readonly Statement[]): Promise<Laptop> {
  const fake = await import('fake-indexeddb');
  if (!('indexedDB' in globalThis)) Object.assign(globalThis, { indexedDB: fake.indexedDB, IDBKeyRange: fake.IDBKeyRange });
  const [{ openDatabase }, { recordStatements, unsentStatements, markSent }, { pushOutbox }] = await Promise.all([import('../renderer/db/database'), import('../renderer/db/statements'), import('../renderer/sync/engine')]);
  const app = { openDatabase, recordStatements, unsentStatements, markSent, pushOutbox };
  // The same text Chromium runs, made a function here.
  const run = (code: string, ...args: unknown[]): Promise<unknown> => Promise.resolve(new Function('args', `return (${code})(...args)`)([app, statements, ...args]));
  return {
    name: 'Node, fake-indexeddb',
    push: async (target, gzip) => checked(await run(PUSH, target, gzip ?? null), isPushSample, 'push'),
    steps: async (batch, rounds) => checked(await run(STEPS, batch, rounds), isStepSamples, 'steps'),
    close: async () => undefined,
  };
}

/** The app's device modules bundled for the browser, with the laptop's code beside them. */
const BUNDLE_ENTRY = `
import { openDatabase } from './renderer/db/database';
import { markSent, recordStatements, unsentStatements } from './renderer/db/statements';
import { pushOutbox } from './renderer/sync/engine';
const app = { openDatabase, recordStatements, unsentStatements, markSent, pushOutbox };
let statements;
const load = async () => (statements ??= await (await fetch('/statements.json')).json());
window.bench = {
  push: async (target, gzip) => (${PUSH})(app, await load(), target, gzip),
  steps: async (batch, rounds) => (${STEPS})(app, await load(), batch, rounds),
};`;

/** Headless Chromium on a page of its own origin, so the hub is cross-origin to it as it is to the app. */
export async function chromiumLaptop(statements: readonly Statement[]): Promise<Laptop> {
  const bundle = await build({ stdin: { contents: BUNDLE_ENTRY, resolveDir: ROOT, loader: 'js' }, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  const files = new Map([
    ['/', { type: 'text/html; charset=utf-8', body: '<!doctype html><title>sync bench</title><script src="/bench.js"></script>' }],
    ['/bench.js', { type: 'text/javascript', body: bundle.outputFiles[0]?.text ?? '' }],
    ['/statements.json', { type: 'application/json', body: JSON.stringify(statements) }],
  ]);
  const server = createServer((req, res) => {
    const file = files.get(req.url ?? '/');
    res.writeHead(file ? 200 : 404, { 'Content-Type': file?.type ?? 'text/plain' }).end(file?.body ?? 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const profile = await newProfileDir();
  const context = await launch(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const call = (name: string, ...args: unknown[]): Promise<unknown> => page.evaluate(`window.bench.${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
  return {
    name: `Chromium ${context.browser()?.version() ?? ''}`.trim() + ', IndexedDB',
    push: async (target, gzip) => checked(await call('push', target, gzip ?? null), isPushSample, 'push'),
    steps: async (batch, rounds) => checked(await call('steps', batch, rounds), isStepSamples, 'steps'),
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await removeDir(profile);
    },
  };
}
