/**
 * Reading and writing `.baraza` zip archives, every one of which is treated as hostile:
 * see README.md in this folder for what is refused and where.
 */
import { readCentralDirectory, withZip } from './centralDirectory';
import { entryData } from './entryData';
import { ArchiveError, subject } from './errors';
import { DEFAULT_PACK_LIMITS, type ZipLimits } from './limits';
import type { ZipEntryInfo } from './entryChecks';

export { ArchiveError, type ArchiveErrorCode } from './errors';
export { DEFAULT_PACK_LIMITS, type ZipLimits } from './limits';
export type { ZipEntryInfo } from './entryChecks';
export { extractZip, type ExtractOptions, type ExtractedFile } from './extract';
export { writeZip, type ZipInput } from './write';

/** Reads the central directory and checks every entry name and size claim without extracting. */
export async function listZip(file: string, limits: ZipLimits = DEFAULT_PACK_LIMITS): Promise<ZipEntryInfo[]> {
  return withZip(file, async (zip) => (await readCentralDirectory(zip, limits)).map((item) => item.info));
}

/**
 * Reads one file entry (e.g. manifest.json) into memory, refusing more than `maxBytes`
 * actually inflated. The whole directory is vetted first, as for extraction.
 */
export async function readZipEntry(file: string, path: string, maxBytes: number, limits: ZipLimits = DEFAULT_PACK_LIMITS): Promise<Buffer> {
  const { data } = await readZipEntries(file, [{ path, maxBytes }], limits);
  return data.get(path) ?? Buffer.alloc(0);
}

/**
 * The vetted listing of the archive plus a few small entries read whole, opening
 * the file once: what checking a pack before install needs. An entry that is
 * absent is left out of `data` unless `required`.
 */
export async function readZipEntries(
  file: string,
  wanted: readonly { path: string; maxBytes: number; required?: boolean }[],
  limits: ZipLimits = DEFAULT_PACK_LIMITS,
): Promise<{ entries: ZipEntryInfo[]; data: Map<string, Buffer> }> {
  return withZip(file, async (zip) => {
    const directory = await readCentralDirectory(zip, limits);
    const data = new Map<string, Buffer>();
    for (const { path, maxBytes, required = true } of wanted) {
      const item = directory.find((candidate) => candidate.info.path === path && !candidate.isFolder);
      if (!item) {
        if (required) throw new ArchiveError('missing-entry', path, `The archive has no file ${JSON.stringify(path)}.`);
        continue;
      }
      if (item.info.size > maxBytes) {
        throw new ArchiveError('entry-too-large', path, `${subject(path)} claims ${item.info.size} bytes; at most ${maxBytes} are read here.`);
      }
      const capped: ZipLimits = { ...limits, maxEntrySize: Math.min(limits.maxEntrySize, maxBytes) };
      const chunks: Buffer[] = [];
      for await (const chunk of entryData(zip, item, capped, { total: 0 })) chunks.push(chunk);
      data.set(path, Buffer.concat(chunks));
    }
    return { entries: directory.map((item) => item.info), data };
  });
}
