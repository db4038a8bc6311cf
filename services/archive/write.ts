/**
 * Writing a zip that our own reader accepts, byte for byte the same for the same input.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { ArchiveError, subject } from './errors';
import { EntryNames, checkEntryPath } from './entryNames';

export interface ZipInput {
  /** Relative, "/"-separated; a path ending in "/" with no data is a folder. */
  readonly path: string;
  readonly data: Buffer;
}

/**
 * Zip stores local wall-clock fields, so the date is built from local fields, at each call
 * since the zone may change: the same bytes come out in every time zone. yazl's UTC extra
 * field is turned off for the same reason.
 */
const fixedMtime = (): Date => new Date(1980, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;
const FOLDER_MODE = 0o040755;
/** Deflating these again costs time and gains nothing. */
const ALREADY_COMPRESSED = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.mp3', '.m4a', '.ogg', '.opus', '.mp4', '.webm', '.woff', '.woff2', '.zip', '.gz', '.br', '.baraza']);

/**
 * Writes `entries` in order to `outFile`, through a temporary file that is synced and then
 * renamed, so `outFile` is either the whole archive or untouched. Names our reader would
 * refuse are refused here too.
 */
export async function writeZip(outFile: string, entries: Iterable<ZipInput> | AsyncIterable<ZipInput>): Promise<void> {
  const temp = `${outFile}.tmp-${randomBytes(6).toString('hex')}`;
  const zip = new yazl.ZipFile();
  const out = createWriteStream(temp, { flags: 'wx', flush: true });
  // Fail on an unwritable destination before deflating anything.
  await once(out, 'ready');
  const written = pipeline(zip.outputStream, out);
  try {
    const mtime = fixedMtime();
    const names = new EntryNames();
    for await (const { path, data } of entries) {
      checkEntryPath(path);
      names.add(path);
      if (path.endsWith('/')) {
        if (data.length > 0) throw new ArchiveError('corrupt', path, `${subject(path)} is a folder but was given ${data.length} bytes of data.`);
        zip.addEmptyDirectory(path, { mtime, mode: FOLDER_MODE, forceDosTimestamp: true });
      } else {
        const compress = !ALREADY_COMPRESSED.has(extname(path).toLowerCase());
        zip.addBuffer(data, path, { mtime, mode: FILE_MODE, compress, forceDosTimestamp: true });
      }
    }
    zip.end();
    await written;
    await rename(temp, outFile);
  } catch (err) {
    out.destroy();
    await written.catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  }
}
