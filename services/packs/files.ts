/**
 * Serving files of installed packs, for every host: Electron's pack:// handler
 * and the web host's /packs/ route both come through here.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { packFileMimeType, parsePackPath } from '../../core/packPath';

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

/** Where an installed pack's files are, or null when no such pack is installed. */
export type PackDirResolver = (packId: string) => Promise<string | null>;

/** Packs laid out as `packsRoot/<packId>/…`, each folder's real path inside packsRoot. */
export function packsUnder(packsRoot: string): PackDirResolver {
  return async (packId) => {
    const root = await realpath(packsRoot).catch(() => null);
    const dir = root && (await realpath(join(root, packId)).catch(() => null));
    return root && dir?.startsWith(root + sep) ? dir : null;
  };
}

/**
 * `rawPath` is the still-encoded `packId/dir/file` part of the URL. Anything that
 * does not name a regular file inside the pack's folder is a 404, including
 * symlinks that lead outside it.
 */
export async function readPackFile(resolvePackDir: PackDirResolver, rawPath: string): Promise<PackFileResult> {
  const ref = parsePackPath(rawPath);
  if (!ref) return { ok: false, status: 404 };
  try {
    const found = await resolvePackDir(ref.packId);
    if (!found) return { ok: false, status: 404 };
    const packDir = await realpath(found);
    const file = await realpath(join(packDir, ...ref.path.split('/')));
    if (!file.startsWith(packDir + sep)) return { ok: false, status: 404 };
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_PACK_FILE) return { ok: false, status: 404 };
    return { ok: true, data: await readFile(file), mimeType: packFileMimeType(file) };
  } catch {
    return { ok: false, status: 404 };
  }
}
