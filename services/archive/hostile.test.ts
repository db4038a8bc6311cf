import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileZips } from './hostileZips';
import { ArchiveError, extractZip, listZip, readZipEntry } from './zip';

/*
 * Every hostile archive is extracted into root/outer/store/<n>/dest, and afterwards the
 * whole of root must be exactly as it was apart from that dest folder: "nothing exists
 * outside the store afterwards". Names climb at most two levels, so root catches them all.
 */
const root = join(tmpdir(), `baraza-hostile-${randomUUID()}`);
const outer = join(root, 'outer');
// Absolute names point into the watched tree.
const cases = hostileZips(outer).map((hostile, index) => ({ ...hostile, index }));

beforeAll(async () => {
  await mkdir(join(outer, 'store'), { recursive: true });
  await writeFile(join(root, 'sentinel.txt'), 'root sentinel');
  await writeFile(join(outer, 'sentinel.txt'), 'outer sentinel');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every path under `dir` with its type and, for files, its content; `skip` is left out. */
async function snapshot(dir: string, skip: string): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  const walk = async (at: string): Promise<void> => {
    for (const name of (await readdir(at)).sort()) {
      const path = join(at, name);
      if (path === skip) continue;
      const info = await lstat(path);
      const key = relative(dir, path);
      if (info.isDirectory()) {
        seen[key] = 'folder';
        await walk(path);
      } else {
        seen[key] = info.isFile() ? `file:${(await readFile(path)).toString('base64')}` : 'other';
      }
    }
  };
  await walk(dir);
  return seen;
}

/** Everything under `dir` is a plain file or folder: no link, device or pipe was made. */
async function onlyPlainEntries(dir: string): Promise<boolean> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() && !entry.isDirectory()) return false;
  }
  return true;
}

/** Writes the case's bytes to a fresh folder of the store; returns the archive and an empty dest. */
async function stage(index: number, bytes: Buffer, label: string): Promise<{ archive: string; dest: string }> {
  const store = join(outer, 'store', `${index}-${label}`);
  const dest = join(store, 'dest');
  await mkdir(dest, { recursive: true });
  const archive = join(store, 'pack.baraza');
  await writeFile(archive, bytes);
  return { archive, dest };
}

describe.each(cases)('a hostile archive: $name', (hostile) => {
  it('is refused by extractZip with its code, and nothing appears outside the destination', async () => {
    const { archive, dest } = await stage(hostile.index, hostile.bytes, 'extract');
    const before = await snapshot(root, dest);

    const failure = await extractZip(archive, dest, { limits: hostile.limits }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ArchiveError);
    expect(failure).toMatchObject({ code: hostile.code });
    if (hostile.entry !== undefined) expect(failure).toMatchObject({ entry: hostile.entry });
    expect(await snapshot(root, dest)).toEqual(before);
    expect(await onlyPlainEntries(dest)).toBe(true);
    // A problem in the directory is found before a single byte is written.
    if (hostile.inDirectory) expect(await readdir(dest)).toEqual([]);
  });

  it('is refused by listZip exactly when the problem is in the directory', async () => {
    const { archive } = await stage(hostile.index, hostile.bytes, 'list');
    const listed = listZip(archive, hostile.limits);
    if (hostile.inDirectory) await expect(listed).rejects.toMatchObject({ code: hostile.code });
    else await expect(listed).resolves.toBeInstanceOf(Array);
  });

  it('is refused by readZipEntry too', async () => {
    const { archive } = await stage(hostile.index, hostile.bytes, 'read');
    // A data problem needs its own entry read; a directory problem stops any read.
    const path = !hostile.inDirectory && typeof hostile.entry === 'string' ? hostile.entry : 'manifest.json';
    await expect(readZipEntry(archive, path, 64 * 1024 * 1024, hostile.limits)).rejects.toMatchObject({ code: hostile.code });
  });
});
