/**
 * Opening an archive with yauzl and vetting its whole central directory before a single
 * byte of entry data is read or written.
 */
import { open } from 'node:fs/promises';
import yauzl from 'yauzl';
import type { Entry, Options, ZipFile } from 'yauzl';
import { ArchiveError, asArchiveError } from './errors';
import { checkEntry, type CheckedEntry } from './entryChecks';
import { EntryNames } from './entryNames';
import type { ZipLimits } from './limits';

const YAUZL_OPTIONS = {
  lazyEntries: true,
  // We close it ourselves, after extraction, not when the directory has been read.
  autoClose: false,
  decodeStrings: true,
  strictFileNames: true,
  validateEntrySizes: true,
} as const satisfies Options;

/** Opens `file`, hands the archive to `use`, and closes it whatever happens. */
export async function withZip<T>(file: string, use: (zip: ZipFile) => Promise<T>): Promise<T> {
  const zip = await openZip(file);
  // Errors reach us through promises; this keeps a late one (closing the file) from crashing the process.
  zip.on('error', () => undefined);
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}

async function openZip(file: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(file, YAUZL_OPTIONS);
  } catch (err) {
    const refused = asArchiveError(err, null);
    // With no end record the file is either not a zip or a zip cut short; the first bytes tell which.
    if (refused instanceof ArchiveError && refused.code === 'not-a-zip' && (await startsWithLocalHeader(file))) {
      throw new ArchiveError('truncated', null, 'The archive starts like a zip file but has no zip directory at its end: it was probably cut short while copying.');
    }
    throw refused;
  }
}

async function startsWithLocalHeader(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

/** Where an entry lies in the archive: its local header through the end of its data. */
interface Extent {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Every entry, checked: names, types, sizes and limits, no two names landing on one file,
 * and no two entries sharing bytes (the overlapping-entry zip bomb).
 */
export async function readCentralDirectory(zip: ZipFile, limits: ZipLimits): Promise<CheckedEntry[]> {
  if (zip.entryCount > limits.maxEntries) {
    throw new ArchiveError('too-many-entries', null, `The archive lists ${zip.entryCount} entries; at most ${limits.maxEntries} are allowed.`);
  }
  const names = new EntryNames();
  const checked: CheckedEntry[] = [];
  const extents: Extent[] = [];
  let claimed = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const item = checkEntry(entry, limits);
      names.add(item.info.path);
      claimed += item.info.size;
      if (claimed > limits.maxTotalSize) {
        throw new ArchiveError('total-too-large', item.info.path, `The archive claims more than ${limits.maxTotalSize} bytes in all, reaching past it at entry ${JSON.stringify(item.info.path)}.`);
      }
      extents.push(await extentOf(zip, entry));
      checked.push(item);
    }
  } catch (err) {
    throw asArchiveError(err, null);
  }
  checkNoOverlap(extents);
  return checked;
}

async function extentOf(zip: ZipFile, entry: Entry): Promise<Extent> {
  try {
    // yauzl also checks here that the data ends inside the file.
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
    return { path: entry.fileName, start: entry.relativeOffsetOfLocalHeader, end: fileDataStart + entry.compressedSize };
  } catch (err) {
    throw asArchiveError(err, entry.fileName);
  }
}

function checkNoOverlap(extents: readonly Extent[]): void {
  let previous: Extent | undefined;
  for (const extent of [...extents].sort((a, b) => a.start - b.start)) {
    if (previous && extent.start < previous.end) {
      throw new ArchiveError(
        'overlapping-entries',
        extent.path,
        `Entries ${JSON.stringify(previous.path)} and ${JSON.stringify(extent.path)} share bytes in the archive, a trick zip bombs use to inflate the same data many times.`,
      );
    }
    previous = extent;
  }
}
