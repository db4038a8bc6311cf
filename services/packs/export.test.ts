import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatPublicKey, generateKeyPair, type MinisignSecretKey } from '../../core/pack/minisign';
import { MANIFEST_PATH } from '../../core/pack/manifest';
import { extractZip, type ZipInput } from '../archive/zip';
import { PackError } from './errors';
import { ExportError, exportPack, type ExportOptions } from './export';
import { makePack } from './packFixtures';
import { PackStore } from './store';

/** How the simulated USB stick misbehaves after a write; null is a healthy drive. */
const drive = vi.hoisted(() => ({ fault: null as null | 'flip-a-byte' | 'other-content' }));

// The drive is the true boundary here: wrap the real writeZip so a test can spoil what lands on it.
vi.mock(import('../archive/zip'), async (importOriginal) => {
  const actual = await importOriginal();
  const writeZip: typeof actual.writeZip = async (outFile, entries) => {
    const all: ZipInput[] = [];
    for await (const entry of entries) all.push(entry);
    if (drive.fault === 'other-content') {
      // A well-formed zip with other bytes in one file: only the hash comparison can notice.
      const spoiled = all.map((e) => (e.path === 'en/modules/m.json' ? { ...e, data: Buffer.from(e.data.toString().replace('Module', 'Modulf')) } : e));
      return actual.writeZip(outFile, spoiled);
    }
    await actual.writeZip(outFile, all);
    if (drive.fault === 'flip-a-byte') {
      const bytes = await readFile(outFile);
      // The name's first occurrence is in its local header; its data follows the name and the extra field.
      const name = bytes.indexOf('en/modules/m.json');
      const at = name + 'en/modules/m.json'.length + bytes.readUInt16LE(name - 2) + 2;
      bytes.writeUInt8((bytes[at] ?? 0) ^ 0x10, at);
      await writeFile(outFile, bytes);
    }
  };
  return { ...actual, writeZip };
});

let key: MinisignSecretKey;
let work: string;
let original: string;
let store: PackStore;
let usb: string;

beforeAll(() => {
  key = generateKeyPair();
});

beforeEach(async () => {
  drive.fault = null;
  work = await mkdtemp(join(tmpdir(), 'baraza-export-'));
  usb = join(work, 'usb');
  await mkdir(usb);
  original = await makePack(work, key);
  store = await PackStore.open(join(work, 'store'), { appVersion: '1.0.0', trustedKeys: async () => [key.publicKey] });
  await store.install(original);
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const options = (extra: Partial<ExportOptions> = {}): ExportOptions => ({ trustedKeys: [key.publicKey], appVersion: '1.0.0', ...extra });

async function failure(promise: Promise<unknown>): Promise<PackError | ExportError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (err instanceof PackError || err instanceof ExportError) return err;
  throw new Error(`expected a PackError or ExportError, got ${String(err)}`);
}

async function damageInstalled(path: string, edit: (text: string) => string): Promise<void> {
  const file = join((await store.packDir('demo')) ?? '', path);
  await writeFile(file, edit(await readFile(file, 'utf8')));
}

describe('exporting an installed pack', () => {
  it('writes <id>-v<version>.baraza that a fresh store on another machine installs', async () => {
    const progress: string[] = [];
    const result = await exportPack(store, 'demo', usb, options({ onProgress: (done, total, phase) => progress.push(`${phase} ${done}/${total}`) }));
    expect(result.file).toBe(join(usb, 'demo-v1.baraza'));
    expect(await readdir(usb)).toEqual(['demo-v1.baraza']);

    const elsewhere = await PackStore.open(join(work, 'elsewhere'), { appVersion: '1.0.0', trustedKeys: async () => [key.publicKey] });
    const installed = await elsewhere.install(result.file);
    expect(installed.pack.manifest).toEqual((await store.get('demo'))?.manifest);
    expect(JSON.parse(await readFile(join((await elsewhere.packDir('demo')) ?? '', 'en/modules/m.json'), 'utf8')).title).toBe('Module v1');

    expect(progress[0]).toMatch(/^copying /);
    expect(progress.at(-1)).toMatch(/^checking (\d+)\/\1$/);
  });

  it('gives the same bytes as the published file, so a machine that has the original sees the same pack', async () => {
    const { file } = await exportPack(store, 'demo', usb, options());
    expect(await readFile(file)).toEqual(await readFile(original));
    expect((await store.install(file)).changed).toBe(false);
  });

  it('writes a manifest the minisign tool verifies', async (ctx) => {
    const run = promisify(execFile);
    if (!(await run('minisign', ['-v']).then(() => true, () => false))) ctx.skip(); // Debian's minisign is not installed here
    const { file } = await exportPack(store, 'demo', usb, options());
    const unpacked = await mkdtemp(join(work, 'unpacked-'));
    await extractZip(file, unpacked);
    await writeFile(join(work, 'publisher.pub'), formatPublicKey(key.publicKey));
    await run('minisign', ['-V', '-p', join(work, 'publisher.pub'), '-m', join(unpacked, MANIFEST_PATH)]);
  });
});

describe('refusing to export, leaving nothing on the drive', () => {
  it.each([
    ['a file edited in place (same size)', 'en/modules/m.json', (t: string) => t.replace('Module', 'Modulf'), 'hash-mismatch'],
    ['a file that changed size', 'pack.json', (t: string) => `${t} `, 'size-mismatch'],
    ['an edited manifest', MANIFEST_PATH, (t: string) => t.replace('"Test publisher"', '"Someone else"'), 'bad-signature'],
  ])('when the installed copy has %s', async (_name, path, edit, code) => {
    await damageInstalled(path, edit);
    const err = await failure(exportPack(store, 'demo', usb, options()));
    expect(err).toBeInstanceOf(PackError);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/installed copy of demo on this computer is damaged.*Install the pack again/);
    expect(await readdir(usb)).toEqual([]);
  });

  it('when an installed file is missing', async () => {
    await rm(join((await store.packDir('demo')) ?? '', 'en/modules/m.json'));
    expect((await failure(exportPack(store, 'demo', usb, options()))).code).toBe('missing-file');
    expect(await readdir(usb)).toEqual([]);
  });

  it.each([
    ['flips a bit', 'flip-a-byte'],
    ['returns other, well-formed content', 'other-content'],
  ] as const)('when the drive %s', async (_name, fault) => {
    drive.fault = fault;
    const err = await failure(exportPack(store, 'demo', usb, options()));
    expect(err).toBeInstanceOf(PackError);
    expect(err.code).toBe('hash-mismatch');
    expect(err.message).toMatch(/copy written to .* is damaged.*try another one/);
    expect(await readdir(usb)).toEqual([]);
  });

  it('when the file is already there, unless asked to replace it', async () => {
    await writeFile(join(usb, 'demo-v1.baraza'), 'an older copy');
    const err = await failure(exportPack(store, 'demo', usb, options()));
    expect(err).toBeInstanceOf(ExportError);
    expect(err.code).toBe('destination-exists');
    expect(await readFile(join(usb, 'demo-v1.baraza'), 'utf8')).toBe('an older copy');
    expect(await readdir(usb)).toEqual(['demo-v1.baraza']);

    await exportPack(store, 'demo', usb, options({ overwrite: true }));
    expect(await readFile(join(usb, 'demo-v1.baraza'))).toEqual(await readFile(original));
    expect(await readdir(usb)).toEqual(['demo-v1.baraza']);
  });

  it('when no such pack is installed', async () => {
    for (const id of ['nope', '../demo', '']) {
      const err = await failure(exportPack(store, id, usb, options()));
      expect([err.constructor.name, err.code]).toEqual(['PackError', 'not-installed']);
    }
  });

  it('when its signing key is no longer trusted', async () => {
    const err = await failure(exportPack(store, 'demo', usb, options({ trustedKeys: [] })));
    expect([err.code, err instanceof PackError ? err.keyId : null]).toEqual(['untrusted-key', key.publicKey.keyIdHex]);
    expect(await readdir(usb)).toEqual([]);
  });

  it('when the destination folder is gone (a pulled stick)', async () => {
    const err = await failure(exportPack(store, 'demo', join(usb, 'ejected'), options()));
    expect(err).toBeInstanceOf(ExportError);
    expect(err.code).toBe('destination-unwritable');
    expect(err.message).toMatch(/was the drive removed/);
  });
});
