import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair, signMessage, type MinisignSecretKey } from '../../core/pack/minisign';
import { MANIFEST_PATH, SIGNATURE_PATH } from '../../core/pack/manifest';
import { PackError } from './errors';
import { listTree, makePack, spoilPack } from './packFixtures';
import { PackStore } from './store';

let key: MinisignSecretKey;
let other: MinisignSecretKey;
let work: string;
let storeDir: string;
let outside: string;

beforeAll(() => {
  key = generateKeyPair();
  other = generateKeyPair();
});

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'baraza-store-'));
  storeDir = join(work, 'store');
  outside = join(work, 'outside');
  await mkdir(outside);
  await writeFile(join(outside, 'sentinel.txt'), 'untouched');
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const open = (appVersion = '1.0.0'): Promise<PackStore> => PackStore.open(storeDir, { appVersion, trustedKeys: async () => [key.publicKey] });

async function refusal(store: PackStore, file: string): Promise<string> {
  const err = await store.install(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PackError);
  return (err as PackError).code;
}

describe('installing', () => {
  it('installs a signed pack and serves its files', async () => {
    const store = await open();
    const result = await store.install(await makePack(work, key));
    expect(result).toMatchObject({ changed: true, previous: null, pack: { manifest: { id: 'demo', version: 1 } } });
    const dir = await store.packDir('demo');
    expect(JSON.parse(await readFile(join(dir ?? '', 'en/modules/m.json'), 'utf8')).title).toBe('Module v1');
    expect((await store.list()).map((p) => p.manifest.version)).toEqual([1]);
  });

  it('updates to a higher version, keeps ids, and says what was there before', async () => {
    const store = await open();
    await store.install(await makePack(work, key, { version: 1 }));
    const result = await store.install(await makePack(work, key, { version: 2 }));
    expect(result.previous?.version).toBe(1);
    expect(JSON.parse(await readFile(join((await store.packDir('demo')) ?? '', 'en/modules/m.json'), 'utf8')).title).toBe('Module v2');
    expect((await listTree(join(storeDir, 'packs', 'demo'))).filter((p) => p.endsWith('installed.json'))).toHaveLength(1);
  });

  it('refuses to roll back, and refuses the same version with other bytes, but reinstalls the same bytes', async () => {
    const store = await open();
    const v2 = await makePack(work, key, { version: 2 });
    await store.install(v2);
    expect(await refusal(store, await makePack(work, key, { version: 1 }))).toBe('older-version');
    expect(await refusal(store, await makePack(work, key, { version: 2, title: 'Other', name: 'v2-other.baraza' }))).toBe('same-version-different-content');
    expect((await store.install(v2)).changed).toBe(false);
  });

  it('refuses a pack that needs a newer app', async () => {
    const store = await open('1.0.0');
    expect(await refusal(store, await makePack(work, key, { minAppVersion: '2.0.0' }))).toBe('needs-newer-app');
  });

  it('removes a pack', async () => {
    const store = await open();
    await store.install(await makePack(work, key));
    await store.remove('demo');
    expect(await store.packDir('demo')).toBeNull();
    await expect(store.remove('demo')).rejects.toMatchObject({ code: 'not-installed' });
  });
});

describe('refusing bad packs, writing nothing outside the store', () => {
  const cases: [string, (good: string, dir: string) => Promise<string>, string][] = [
    ['unsigned', (good, dir) => spoilPack(good, join(dir, 'x.baraza'), (e) => e.delete(SIGNATURE_PATH)), 'unsigned'],
    ['signed by an untrusted key', (_good, dir) => makePack(dir, other, { name: 'untrusted.baraza' }), 'untrusted-key'],
    [
      'a manifest changed after signing',
      (good, dir) => spoilPack(good, join(dir, 'x.baraza'), (e) => e.set(MANIFEST_PATH, Buffer.from((e.get(MANIFEST_PATH) ?? Buffer.alloc(0)).toString().replace('"Test publisher"', '"Someone else"')))),
      'bad-signature',
    ],
    ['a damaged signature file', (good, dir) => spoilPack(good, join(dir, 'x.baraza'), (e) => e.set(SIGNATURE_PATH, Buffer.from('untrusted comment: x\nnot base64!\n'))), 'malformed-signature'],
    [
      'a file whose content differs from its hash',
      (good, dir) => spoilPack(good, join(dir, 'x.baraza'), (e) => e.set('en/modules/m.json', Buffer.from((e.get('en/modules/m.json') ?? Buffer.alloc(0)).toString().replace('Module', 'Modulf')))),
      'hash-mismatch',
    ],
    ['a file whose size differs', (good, dir) => spoilPack(good, join(dir, 'x.baraza'), (e) => e.set('pack.json', Buffer.concat([e.get('pack.json') ?? Buffer.alloc(0), Buffer.from(' ')]))), 'size-mismatch'],
    ['a file not in the manifest', (good, dir) => spoilPack(good, join(dir, 'x.baraza'), (e) => e.set('en/extra.json', Buffer.from('{}'))), 'unlisted-file'],
    ['a manifest entry with no file', (good, dir) => spoilPack(good, join(dir, 'x.baraza'), (e) => e.delete('en/modules/m.json')), 'missing-file'],
    ['a file that is not a zip', async (_good, dir) => (await writeFile(join(dir, 'x.baraza'), 'hello'), join(dir, 'x.baraza')), 'not-a-pack'],
    ['a truncated zip', async (good, dir) => (await writeFile(join(dir, 'x.baraza'), (await readFile(good)).subarray(0, 300)), join(dir, 'x.baraza')), 'not-a-pack'],
    [
      'an unknown format version, even when signed',
      async (good, dir) => {
        const spoiled = await spoilPack(good, join(dir, 'x.baraza'), (e) => {
          const manifest = (e.get(MANIFEST_PATH) ?? Buffer.alloc(0)).toString().replace('"format": 1', '"format": 9');
          e.set(MANIFEST_PATH, Buffer.from(manifest));
          e.set(SIGNATURE_PATH, Buffer.from(signMessage(key, Buffer.from(manifest), 'baraza-pack id=demo version=1')));
        });
        return spoiled;
      },
      'unknown-format',
    ],
    [
      'a signature made for another pack version',
      async (good, dir) =>
        spoilPack(good, join(dir, 'x.baraza'), (e) => e.set(SIGNATURE_PATH, Buffer.from(signMessage(key, e.get(MANIFEST_PATH) ?? Buffer.alloc(0), 'baraza-pack id=demo version=7')))),
      'signature-mismatch',
    ],
  ];

  it.each(cases)('refuses %s', async (_name, spoil, code) => {
    const good = await makePack(work, key);
    const store = await open();
    const before = await listTree(work);
    expect(await refusal(store, await spoil(good, work))).toBe(code);
    expect(await store.packDir('demo')).toBeNull();
    expect(await listTree(join(storeDir, 'staging'))).toEqual([]);
    expect(await readFile(join(outside, 'sentinel.txt'), 'utf8')).toBe('untouched');
    const after = (await listTree(work)).filter((p) => !p.startsWith('store/') && !before.includes(p) && p !== 'x.baraza' && p !== 'untrusted.baraza');
    expect(after).toEqual([]);
  });

  it('keeps the installed version when an update is refused', async () => {
    const store = await open();
    await store.install(await makePack(work, key, { version: 1 }));
    const v2 = await makePack(work, key, { version: 2 });
    const bad = await spoilPack(v2, join(work, 'bad-v2.baraza'), (e) => e.set('en/modules/m.json', Buffer.from((e.get('en/modules/m.json') ?? Buffer.alloc(0)).toString().replace('v2', 'v3'))));
    expect(await refusal(store, bad)).toBe('hash-mismatch');
    expect((await store.get('demo'))?.manifest.version).toBe(1);
  });
});

describe('start-up recovery', () => {
  it('clears staging and stray version folders, keeping the version `current` names', async () => {
    const store = await open();
    await store.install(await makePack(work, key));
    await mkdir(join(storeDir, 'staging', 'half-written'), { recursive: true });
    await mkdir(join(storeDir, 'packs', 'demo', 'v2-0000'), { recursive: true });
    await writeFile(join(storeDir, 'packs', 'demo', 'current.123.tmp'), 'v2-0000');
    await mkdir(join(storeDir, 'packs', 'ghost', 'v1-abc'), { recursive: true });
    const reopened = await open();
    expect(await listTree(join(storeDir, 'staging'))).toEqual([]);
    expect((await listTree(join(storeDir, 'packs'))).every((p) => p.startsWith('demo/') && !p.includes('v2-0000') && !p.endsWith('.tmp'))).toBe(true);
    expect((await reopened.get('demo'))?.manifest.version).toBe(1);
  });
});
