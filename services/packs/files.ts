/**
 * Serving files of installed packs, for every host: Electron's pack:// handler
 * and the web host's /packs/ route both come through here.
 */
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { PackSummary } from '../../core/host';
import { packFileMimeType, parsePackPath } from '../../core/packPath';
import { parsePackIndex } from '../../core/content/validate';

export type PackFileResult =
  | { readonly ok: true; readonly data: Buffer; readonly mimeType: string }
  | { readonly ok: false; readonly status: 404 };

/** Headers for every pack response: pack content is data, never script. */
export const PACK_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

const MAX_PACK_FILE = 64 * 1024 * 1024;

/**
 * `rawPath` is the still-encoded `packId/dir/file` part of the URL. Anything that
 * does not name a regular file inside `packsRoot/packId` is a 404, including
 * symlinks that lead outside the pack.
 */
export async function readPackFile(packsRoot: string, rawPath: string): Promise<PackFileResult> {
  const ref = parsePackPath(rawPath);
  if (!ref) return { ok: false, status: 404 };
  try {
    // Both the pack folder and the file must resolve inside their parents, so no symlink leads out.
    const root = await realpath(packsRoot);
    const packDir = await realpath(join(root, ref.packId));
    if (!packDir.startsWith(root + sep)) return { ok: false, status: 404 };
    const file = await realpath(join(packDir, ...ref.path.split('/')));
    if (!file.startsWith(packDir + sep)) return { ok: false, status: 404 };
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_PACK_FILE) return { ok: false, status: 404 };
    return { ok: true, data: await readFile(file), mimeType: packFileMimeType(file) };
  } catch {
    return { ok: false, status: 404 };
  }
}

/** Packs found under `packsRoot`; a folder whose pack.json is missing or malformed is passed over. */
export async function listPacks(packsRoot: string): Promise<PackSummary[]> {
  let names: string[];
  try {
    names = (await readdir(packsRoot, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.includes('.tmp-')).map((d) => d.name);
  } catch {
    return [];
  }
  const packs: PackSummary[] = [];
  for (const name of names.sort()) {
    try {
      const index = parsePackIndex(JSON.parse(await readFile(join(packsRoot, name, 'pack.json'), 'utf8')));
      if (index.id !== name) continue;
      packs.push({ id: index.id, version: index.version, title: index.title, languages: index.languages });
    } catch {
      continue;
    }
  }
  return packs;
}
