import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUNDLE_FORMAT, BundleError, bundleChecksum, makeBundle, MAX_BUNDLE_BYTES } from '../core/sync/bundle';
import { sectionRead, type EventEnvelope } from '../core/xapi/statement';
import { BundleConflictError, importBundleInto } from './importBundle';
import { BUNDLE_AUTHORITY } from './lrs/authority';
import { openStorage, type StorageConfig } from './lrs/storage';
import type { LrsStore, StatementRepository } from './lrs/store';
import { runHub } from './main';
import { describeEachEngine } from './testing/engines';

type Json = Record<string, unknown>;

const DEVICE = '6f1c2a4e-93b1-4d1e-a5a0-0c2f7d9e1b3a';
const NOW = new Date('2026-11-27T09:00:00.000Z');

function statement(n: number, section = `s${n}`): Json {
  const env: EventEnvelope = { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, timestamp: '2026-11-27T08:00:00.000Z', learner: { id: 'L1', name: 'Amina' }, language: 'en' };
  return { ...sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: section }) };
}

const range = (from: number, to: number): Json[] => Array.from({ length: to - from + 1 }, (_, i) => statement(from + i));
const bundle = (statements: Json[]): string => makeBundle(statements, DEVICE, NOW);

describeEachEngine('sync bundles on the hub', (engine) => {
  let dir: string;
  let config: StorageConfig;
  let storage: LrsStore;
  let store: StatementRepository;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baraza-bundle-'));
    config = await engine.fresh(dir);
    storage = openStorage(config);
    store = storage.statements;
  });

  afterEach(async () => {
    await storage.close();
    await engine.drop(config);
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  describe('importing a sync bundle', () => {
    it('stores every statement of a new bundle', async () => {
      expect(await importBundleInto(store, bundle(range(1, 3)))).toEqual({ received: 3, added: 3, alreadyHad: 0 });
      expect(await store.count()).toBe(3);
      expect(await store.get(String(statement(2).id), false)).toMatchObject({ id: statement(2).id, timestamp: '2026-11-27T08:00:00.000Z' });
      // Every stored statement has an authority (xAPI Data 2.4.9); here the import itself vouches for it.
      expect(await store.get(String(statement(3).id), false)).toMatchObject({ authority: BUNDLE_AUTHORITY });
    });

    it('changes nothing when the same bundle is imported twice', async () => {
      const text = bundle(range(1, 5));
      await importBundleInto(store, text);
      const first = await store.query({ limit: 100, ascending: true });
      expect(await importBundleInto(store, text)).toEqual({ received: 5, added: 0, alreadyHad: 5 });
      expect(await store.count()).toBe(5);
      expect(await store.query({ limit: 100, ascending: true })).toEqual(first);
    });

    it('stores overlapping bundles once: s1..s5 then s4..s8 is eight statements', async () => {
      expect(await importBundleInto(store, bundle(range(1, 5)))).toEqual({ received: 5, added: 5, alreadyHad: 0 });
      expect(await importBundleInto(store, bundle(range(4, 8)))).toEqual({ received: 5, added: 3, alreadyHad: 2 });
      expect(await store.count()).toBe(8);
    });

    it('counts a statement the hub has voided as already here', async () => {
      const target = statement(1);
      const { context: _context, ...base } = statement(2);
      const voiding = { ...base, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target.id } };
      await importBundleInto(store, bundle([target, voiding]));
      expect(await store.get(String(target.id), false)).toBeNull();
      expect(await importBundleInto(store, bundle([target]))).toEqual({ received: 1, added: 0, alreadyHad: 1 });
    });

    it('counts a statement repeated inside one bundle once', async () => {
      expect(await importBundleInto(store, bundle([statement(1), statement(1)]))).toEqual({ received: 2, added: 1, alreadyHad: 1 });
      expect(await store.count()).toBe(1);
    });

    it('refuses the whole bundle when one statement clashes with a stored one', async () => {
      await importBundleInto(store, bundle([statement(3)]));
      const clash = statement(3, 'another-section');
      await expect(importBundleInto(store, bundle([statement(1), statement(2), clash]))).rejects.toThrow(BundleConflictError);
      expect(await store.count()).toBe(1);
    });

    describe('refuses a damaged bundle whole, storing nothing', () => {
      const good = bundle(range(1, 3));
      const header = (): Json => JSON.parse(good) as Json;
      const flipAt = good.indexOf('Amina') + 1;
      const damaged: Record<string, string> = {
        'truncated JSON': good.slice(0, good.length - 20),
        'a flipped byte in a statement': `${good.slice(0, flipAt)}${String.fromCharCode(good.charCodeAt(flipAt) ^ 1)}${good.slice(flipAt + 1)}`,
        'a wrong checksum': JSON.stringify({ ...header(), sha256: 'f'.repeat(64) }),
        'a count mismatch': JSON.stringify({ ...header(), count: 2 }),
        'an unknown version': JSON.stringify({ ...header(), version: 2 }),
        'an invalid statement inside': (() => {
          const statements = [statement(1), { ...statement(2), actor: { name: 'nobody' } }, statement(3)];
          return JSON.stringify({ ...header(), statements, count: 3, sha256: bundleChecksum(statements) });
        })(),
        'a different kind of file': JSON.stringify({ format: `${BUNDLE_FORMAT}-x`, statements: [] }),
      };
      for (const [name, text] of Object.entries(damaged)) {
        it(name, async () => {
          await expect(importBundleInto(store, text)).rejects.toThrow(BundleError);
          expect(await store.count()).toBe(0);
        });
      }
    });
  });

  describe('baraza hub import-bundle FILE --data DIR', () => {
    function capture(): { out: string[]; err: string[] } {
      const out: string[] = [];
      const err: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
      vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
      return { out, err };
    }

    it('imports a bundle and reports what was new', async () => {
      const file = join(dir, 'amina.baraza-sync.json');
      await writeFile(file, bundle(range(1, 5)));
      await importBundleInto(store, bundle(range(4, 5)));
      const { out, err } = capture();
      expect(await runHub(['import-bundle', file, '--data', dir], engine.env(config))).toBe(0);
      expect(out).toEqual([`imported 3 new statements (2 already here) from ${file}`]);
      expect(err).toEqual([]);
      expect(await store.count()).toBe(5);
    });

    it('refuses a damaged bundle with exit 1 and a plain reason', async () => {
      const file = join(dir, 'cut.baraza-sync.json');
      await writeFile(file, bundle(range(1, 5)).slice(0, 100));
      const { out, err } = capture();
      expect(await runHub(['import-bundle', file, '--data', dir], engine.env(config))).toBe(1);
      expect(out).toEqual([]);
      expect(err.join('\n')).toMatch(/^Nothing was imported from .*cut\.baraza-sync\.json\. This file is not complete JSON/);
      expect(await store.count()).toBe(0);
    });

    it('refuses a file over the size cap without reading it', async () => {
      const file = join(dir, 'huge.baraza-sync.json');
      await writeFile(file, '');
      await truncate(file, MAX_BUNDLE_BYTES + 1); // sparse: takes no space and is never read
      const { err } = capture();
      expect(await runHub(['import-bundle', file, '--data', dir], engine.env(config))).toBe(1);
      expect(err.join('\n')).toContain('larger than a sync bundle can be (256 MiB)');
    });

    it('refuses a missing file or data folder, and explains usage', async () => {
      const { err } = capture();
      expect(await runHub(['import-bundle', join(dir, 'nope.baraza-sync.json'), '--data', dir], engine.env(config))).toBe(1);
      expect(await runHub(['import-bundle', join(dir, 'nope.baraza-sync.json'), '--data', join(dir, 'typo')], {})).toBe(1);
      expect(await runHub(['import-bundle', '--data', dir], engine.env(config))).toBe(2);
      expect(await runHub(['import-bundle', 'a', 'b', '--data', dir], engine.env(config))).toBe(2);
      expect(err.join('\n')).toContain('There is no such file');
      expect(err.join('\n')).toContain('There is no hub data folder');
      expect(err.join('\n')).toContain('Usage: baraza hub import-bundle FILE --data DIR');
    });
  });
});
