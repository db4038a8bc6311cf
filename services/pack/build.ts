/**
 * Builds a signed .baraza pack from authoring sources: compile, index for search,
 * hash every file into the manifest, sign the manifest, and zip it all.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { itemPath } from '../../core/content/model';
import { formatManifest, MANIFEST_PATH, PACK_FORMAT, SIGNATURE_PATH, trustedCommentFor, type PackManifest } from '../../core/pack/manifest';
import { signMessage, type MinisignSecretKey } from '../../core/pack/minisign';
import { buildSearchIndex } from '../../core/search/searchIndex';
import { writeZip } from '../archive/zip';
import { compilePackSources } from '../content/sources';
import { searchDocuments } from './searchDocuments';

export interface BuildOptions {
  readonly srcDir: string;
  readonly outFile: string;
  readonly key: MinisignSecretKey;
  /** Oldest app version that can read the pack; the building app's own version by default. */
  readonly minAppVersion: string;
}

export interface BuiltPack {
  readonly manifest: PackManifest;
  readonly outFile: string;
  readonly bytes: number;
}

interface PackMeta {
  readonly publisher?: unknown;
  readonly description?: unknown;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function buildPack(options: BuildOptions): Promise<BuiltPack> {
  const compiled = await compilePackSources(options.srcDir);
  const meta = (parse(await readFile(join(options.srcDir, 'pack.yaml'), 'utf8')) ?? {}) as PackMeta;
  const { index } = compiled;

  const files = new Map<string, Buffer>();
  files.set('pack.json', Buffer.from(JSON.stringify(index)));
  for (const item of index.items) {
    for (const lang of item.languages) {
      const path = itemPath(lang, item.kind, item.id);
      files.set(path, Buffer.from(JSON.stringify(compiled.files.get(path))));
    }
  }
  for (const [path, source] of compiled.media) files.set(path, await readFile(source));
  for (const lang of index.languages) {
    files.set(`${lang}/search.json`, Buffer.from(buildSearchIndex(searchDocuments(index, compiled.files, lang))));
  }

  return assemblePack({
    id: index.id,
    version: index.version,
    title: index.title,
    description: typeof meta.description === 'object' && meta.description !== null ? (meta.description as Record<string, string>) : {},
    languages: index.languages,
    publisherName: typeof meta.publisher === 'string' ? meta.publisher : 'Unnamed publisher',
    minAppVersion: options.minAppVersion,
    files,
    key: options.key,
    outFile: options.outFile,
  });
}

export interface PackContents {
  readonly id: string;
  readonly version: number;
  readonly title: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  readonly languages: readonly string[];
  readonly publisherName: string;
  readonly minAppVersion: string;
  readonly files: ReadonlyMap<string, Buffer>;
  readonly key: MinisignSecretKey;
  readonly outFile: string;
}

/** Hashes the files into a manifest, signs it, and writes the zip. */
export async function assemblePack(contents: PackContents): Promise<BuiltPack> {
  const { files, key, outFile } = contents;
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    id: contents.id,
    version: contents.version,
    title: contents.title,
    description: contents.description,
    languages: contents.languages,
    publisher: { name: contents.publisherName, keyId: key.publicKey.keyIdHex },
    minAppVersion: contents.minAppVersion,
    files: [...files].map(([path, data]) => ({ path, size: data.length, sha256: sha256(data) })),
  };
  const manifestText = formatManifest(manifest);
  const signature = signMessage(key, Buffer.from(manifestText), trustedCommentFor(manifest), `signature from Baraza publisher ${manifest.publisher.name}`);

  // Written beside the target and renamed, so a failed build never leaves half a pack under the real name.
  const temp = `${outFile}.partial`;
  await writeZip(temp, [
    { path: MANIFEST_PATH, data: Buffer.from(manifestText) },
    { path: SIGNATURE_PATH, data: Buffer.from(signature) },
    ...[...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, data]) => ({ path, data })),
  ]).catch(async (err: unknown) => {
    await rm(temp, { force: true });
    throw err;
  });
  await rename(temp, outFile);
  const bytes = (await stat(outFile)).size;
  return { manifest, outFile, bytes };
}
