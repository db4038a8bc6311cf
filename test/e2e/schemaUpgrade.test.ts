/**
 * The device database's upgrade to schema version 4 (the outbox table) in Chromium's own
 * IndexedDB, where the unit tests use fake-indexeddb: a version-3 database with sent and
 * unsent statements, opened by the current app code, queues exactly the unsent ones and
 * drops the old index. The app's database module is bundled for the page as the app is.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newProfileDir, removeDir, ROOT } from './harness';

const ENTRY = `
import { openDatabase } from './renderer/db/database';
import { unsentStatements, markSent } from './renderer/db/statements';
window.device = { openDatabase, unsentStatements, markSent };`;

let server: Server;
let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  const bundle = await build({ stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'js' }, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  const script = bundle.outputFiles[0]?.text ?? '';
  server = createServer((req, res) => {
    if (req.url === '/device.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>device</title><script src="/device.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  profile = await newProfileDir();
  context = await launch(profile);
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (profile) await removeDir(profile);
});

/** The part of the bundled modules the page uses; the types are the app's own. */
interface DeviceWindow {
  device: {
    openDatabase: typeof import('../../renderer/db/database').openDatabase;
    unsentStatements: typeof import('../../renderer/db/statements').unsentStatements;
    markSent: typeof import('../../renderer/db/statements').markSent;
  };
}

interface Upgraded {
  version: number;
  statements: number;
  outbox: string[];
  unsent: string[];
  indexes: string[];
  afterMark: number;
}

describe('the device database in Chromium', () => {
  it('upgrades a version-3 outbox to the outbox table, queuing exactly the unsent statements', async () => {
    const result: Upgraded = await page.evaluate(async () => {
      type Row = { id: string; learnerId: string; timestamp: string; synced: 0 | 1; statement: { id: string } };
      const { device } = window as unknown as DeviceWindow;
      const name = `upgrade-${crypto.randomUUID()}`;
      const v3 = device.openDatabase(name, 3);
      await v3.open();
      const row = (n: number, synced: 0 | 1): Row => ({ id: `00000000-0000-4000-8000-00000000000${n}`, learnerId: n % 2 ? 'A' : 'B', timestamp: `2026-11-0${n}T10:00:00.000Z`, synced, statement: { id: `00000000-0000-4000-8000-00000000000${n}` } });
      await v3.table('statements').bulkAdd([row(1, 1), row(2, 0), row(3, 1), row(4, 0), row(5, 0)]);
      v3.close();

      const v4 = device.openDatabase(name);
      await v4.open();
      const outbox = (await v4.outbox.toCollection().primaryKeys()).map(String);
      const unsent = (await device.unsentStatements(v4)).map((r) => r.id);
      const indexes = [...v4.backendDB().transaction('statements').objectStore('statements').indexNames];
      await device.markSent(v4, unsent.slice(0, 1));
      const result = { version: v4.verno, statements: await v4.table('statements').count(), outbox, unsent, indexes, afterMark: await v4.outbox.count() };
      v4.close();
      return result;
    });
    expect(result.version).toBe(4);
    expect(result.statements).toBe(5);
    expect(result.outbox).toEqual(['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000005']);
    expect(result.unsent).toEqual(result.outbox); // oldest first, as timestamps run here
    expect(result.indexes.sort()).toEqual(['[learnerId+timestamp]', 'learnerId']);
    expect(result.afterMark).toBe(2);
  });
});
