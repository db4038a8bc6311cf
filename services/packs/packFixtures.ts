/**
 * Real signed packs for tests, and ways to spoil them after signing: each spoiled
 * pack is a well-formed zip, so only the pack checks can catch it.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatPublicKey, generateKeyPair, type MinisignSecretKey } from '../../core/pack/minisign';
import { extractZip, writeZip } from '../archive/zip';
import { assemblePack } from '../pack/build';
import { openLibrary, type Library } from './library';

export function packIndexFile(id: string, version: number): Buffer {
  const module = { kind: 'module', id: 'm', order: 1, languages: ['en'], sections: ['s'] };
  return Buffer.from(JSON.stringify({ format: 1, id, version, defaultLanguage: 'en', languages: ['en'], title: { en: `Pack ${id}` }, items: [module] }));
}

export function moduleFile(title: string): Buffer {
  return Buffer.from(JSON.stringify({ id: 'm', title, summary: '', durationMinutes: 5, objectives: [], sections: [{ id: 's', title: 'S', body: 'Text' }] }));
}

export async function makePack(
  dir: string,
  key: MinisignSecretKey,
  options: { id?: string; version?: number; title?: string; minAppVersion?: string; extra?: ReadonlyMap<string, Buffer>; name?: string } = {},
): Promise<string> {
  const id = options.id ?? 'demo';
  const version = options.version ?? 1;
  const files = new Map<string, Buffer>([
    ['pack.json', packIndexFile(id, version)],
    ['en/modules/m.json', moduleFile(options.title ?? `Module v${version}`)],
    ...(options.extra ?? new Map<string, Buffer>()),
  ]);
  const outFile = join(dir, options.name ?? `${id}-v${version}.baraza`);
  await assemblePack({ id, version, title: { en: id }, description: {}, languages: ['en'], publisherName: 'Test publisher', minAppVersion: options.minAppVersion ?? '0.0.1', files, key, outFile });
  return outFile;
}

/** Rewrites a pack's entries (in order) without re-signing it. */
export async function spoilPack(file: string, outFile: string, edit: (entries: Map<string, Buffer>) => void): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'baraza-spoil-'));
  try {
    await extractZip(file, scratch);
    const entries = new Map<string, Buffer>();
    for (const path of await walk(scratch)) entries.set(relative(scratch, path).split('\\').join('/'), await readFile(path));
    edit(entries);
    await writeZip(outFile, [...entries].map(([path, data]) => ({ path, data })));
    return outFile;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out.sort();
}

/** Every path under `dir`, for checking that nothing appeared outside the store. */
export async function listTree(dir: string): Promise<string[]> {
  return (await walk(dir).catch(() => [])).map((p) => relative(dir, p));
}

/**
 * A library as a host opens it: a bundle folder with one signed pack and its
 * public key, installed into a fresh data folder under `dir`.
 */
export async function openTestLibrary(dir: string, key: MinisignSecretKey = generateKeyPair()): Promise<{ library: Library; key: MinisignSecretKey; dataDir: string }> {
  const bundleDir = join(dir, 'bundle');
  await mkdir(join(bundleDir, 'packs'), { recursive: true });
  await mkdir(join(bundleDir, 'keys'), { recursive: true });
  await writeFile(join(bundleDir, 'keys', 'bundled.pub'), formatPublicKey(key.publicKey));
  await makePack(join(bundleDir, 'packs'), key, { name: 'demo.baraza' });
  const dataDir = join(dir, 'data');
  const { library } = await openLibrary({ dataDir, bundleDir, appVersion: '1.0.0' });
  return { library, key, dataDir };
}
