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
  const capped: ZipLimits = { ...limits, maxEntrySize: Math.min(limits.maxEntrySize, maxBytes) };
  return withZip(file, async (zip) => {
    const item = (await readCentralDirectory(zip, limits)).find((candidate) => candidate.info.path === path && !candidate.isFolder);
    if (!item) throw new ArchiveError('missing-entry', path, `The archive has no file ${JSON.stringify(path)}.`);
    if (item.info.size > maxBytes) {
      throw new ArchiveError('entry-too-large', path, `${subject(path)} claims ${item.info.size} bytes; at most ${maxBytes} are read here.`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of entryData(zip, item, capped, { total: 0 })) chunks.push(chunk);
    return Buffer.concat(chunks);
  });
}
