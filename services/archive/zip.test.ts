import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawZip } from './zipBytes';
import { ArchiveError, extractZip, listZip, readZipEntry, writeZip, type ExtractedFile, type ZipInput } from './zip';

let root: string;
let count = 0;
/** A fresh, empty folder under the test root. */
const fresh = async (): Promise<string> => {
  const dir = join(root, `d${++count}`);
  await mkdir(dir);
  return dir;
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baraza-zip-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

const PACK: ZipInput[] = [
  { path: 'manifest.json', data: Buffer.from(JSON.stringify({ id: 'sample', version: 1 })) },
  { path: 'en/', data: Buffer.alloc(0) },
  { path: 'en/modules/intro.json', data: Buffer.from('{"title":"Introduction"}'.repeat(200)) },
  { path: 'fr/modules/café.json', data: Buffer.from('{"title":"Café"}') },
  { path: 'media/logo.png', data: Buffer.from('89504e470d0a1a0a', 'hex') },
  { path: 'empty.txt', data: Buffer.alloc(0) },
];

describe('writeZip, listZip, extractZip', () => {
  it('round-trips a pack, hashing each file as it is written', async () => {
    const archive = join(await fresh(), 'pack.baraza');
    await writeZip(archive, PACK);

    const listed = await listZip(archive);
    expect(listed.map((e) => [e.path, e.size])).toEqual(PACK.map((e) => [e.path, e.data.length]));
    expect(listed.find((e) => e.path === 'media/logo.png')).toMatchObject({ compressedSize: 8 });

    const dest = await fresh();
    const progress: Array<[number, number]> = [];
    const seen: ExtractedFile[] = [];
    const written = await extractZip(archive, dest, { onProgress: (done, total) => progress.push([done, total]), onEntry: (file) => void seen.push(file) });

    const files = PACK.filter((e) => !e.path.endsWith('/'));
    expect(written.map((e) => [e.path, e.size, e.sha256])).toEqual(files.map((e) => [e.path, e.data.length, sha256(e.data)]));
    expect(seen).toEqual(written);
    for (const file of files) expect(await readFile(join(dest, ...file.path.split('/')))).toEqual(file.data);
    expect((await readdir(join(dest, 'en'))).sort()).toEqual(['modules']);
    const total = files.reduce((sum, e) => sum + e.data.length, 0);
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
  });

  it('accepts streamed input and reads one entry back', async () => {
    const archive = join(await fresh(), 'pack.baraza');
    await writeZip(
      archive,
      (async function* () {
        yield* PACK;
      })(),
    );
    expect(JSON.parse((await readZipEntry(archive, 'manifest.json', 1024)).toString())).toEqual({ id: 'sample', version: 1 });
    expect(await readZipEntry(archive, 'empty.txt', 0)).toEqual(Buffer.alloc(0));
  });

  it('accepts a zip written by a Windows tool, with no Unix mode at all', async () => {
    const dir = await fresh();
    const archive = join(dir, 'windows.zip');
    await writeFile(archive, rawZip([{ name: 'docs/', method: 0, mode: 0, versionMadeBy: 0x0014 }, { name: 'docs/a.txt', content: Buffer.from('hi'), mode: 0, versionMadeBy: 0x0014 }]));
    expect(await extractZip(archive, await fresh())).toEqual([{ path: 'docs/a.txt', size: 2, compressedSize: 4, sha256: sha256(Buffer.from('hi')) }]);
  });

  it('writes the same bytes for the same input, in any time zone', async () => {
    const dir = await fresh();
    const zone = process.env['TZ'];
    try {
      process.env['TZ'] = 'UTC';
      await writeZip(join(dir, 'a.baraza'), PACK);
      process.env['TZ'] = 'Pacific/Kiritimati';
      await writeZip(join(dir, 'b.baraza'), PACK);
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
    const [a, b] = await Promise.all([readFile(join(dir, 'a.baraza')), readFile(join(dir, 'b.baraza'))]);
    expect(a.equals(b)).toBe(true);
    expect(await readdir(dir)).toEqual(['a.baraza', 'b.baraza']);
  });
});

describe('writeZip', () => {
  it.each([
    ['../escape.json', 'unsafe-path'],
    ['C:/x.json', 'unsafe-path'],
    ['a\\b.json', 'unsafe-path'],
  ] as const)('refuses to write %j, leaving nothing behind', async (path, code) => {
    const dir = await fresh();
    await expect(writeZip(join(dir, 'bad.baraza'), [...PACK, { path, data: Buffer.from('x') }])).rejects.toMatchObject({ code });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses names that would collide, leaving an earlier archive untouched', async () => {
    const dir = await fresh();
    const archive = join(dir, 'pack.baraza');
    await writeZip(archive, PACK);
    const before = await readFile(archive);
    await expect(writeZip(archive, [{ path: 'Readme.md', data: Buffer.alloc(1 << 20) }, { path: 'README.md', data: Buffer.from('x') }])).rejects.toMatchObject({ code: 'duplicate-entry' });
    expect(await readFile(archive)).toEqual(before);
    expect(await readdir(dir)).toEqual(['pack.baraza']);
  });
});

describe('readZipEntry', () => {
  let archive: string;
  beforeAll(async () => {
    archive = join(await fresh(), 'pack.baraza');
    await writeZip(archive, PACK);
  });

  it('refuses an entry larger than asked for', async () => {
    await expect(readZipEntry(archive, 'en/modules/intro.json', 100)).rejects.toMatchObject({ code: 'entry-too-large', entry: 'en/modules/intro.json' });
  });

  it.each(['missing.json', 'en/', 'MANIFEST.JSON'])('answers missing-entry for %j', async (path) => {
    await expect(readZipEntry(archive, path, 1024)).rejects.toMatchObject({ code: 'missing-entry', entry: path });
  });
});

describe('extractZip', () => {
  let archive: string;
  beforeAll(async () => {
    archive = join(await fresh(), 'pack.baraza');
    await writeZip(archive, PACK);
  });

  it('refuses a destination that is not empty, touching nothing', async () => {
    const dest = await fresh();
    await writeFile(join(dest, 'manifest.json'), 'mine');
    await expect(extractZip(archive, dest)).rejects.toThrow(/not empty/);
    expect(await readdir(dest)).toEqual(['manifest.json']);
    expect(await readFile(join(dest, 'manifest.json'), 'utf8')).toBe('mine');
  });

  it('refuses a destination that does not exist', async () => {
    await expect(extractZip(archive, join(root, 'nowhere'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('passes a missing archive on as the file system error it is', async () => {
    const failure = await extractZip(join(root, 'nowhere.baraza'), await fresh()).catch((err: unknown) => err);
    expect(failure).not.toBeInstanceOf(ArchiveError);
    expect(failure).toMatchObject({ code: 'ENOENT' });
  });

  it('stops when onEntry throws, with that error', async () => {
    const dest = await fresh();
    const stop = new Error('hash does not match the manifest');
    const paths: string[] = [];
    const onEntry = (file: ExtractedFile): void => {
      paths.push(file.path);
      if (file.path === 'en/modules/intro.json') throw stop;
    };
    await expect(extractZip(archive, dest, { onEntry })).rejects.toBe(stop);
    expect(paths).toEqual(['manifest.json', 'en/modules/intro.json']);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const dest = await fresh();
    const onEntry = (): void => controller.abort();
    await expect(extractZip(archive, dest, { onEntry, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readdir(dest)).toEqual(['manifest.json']);
  });
});
