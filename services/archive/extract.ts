/**
 * Extracting a vetted archive into an empty folder, hashing each file as it is written so
 * the installer reads every byte once.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { readCentralDirectory, withZip } from './centralDirectory';
import { entryData, type Tally } from './entryData';
import type { ZipEntryInfo } from './entryChecks';
import { ArchiveError, subject } from './errors';
import { DEFAULT_PACK_LIMITS, type ZipLimits } from './limits';

export interface ExtractedFile extends ZipEntryInfo {
  /** SHA-256 of the bytes written, lowercase hex. */
  readonly sha256: string;
}

export interface ExtractOptions {
  readonly limits?: ZipLimits;
  /** Bytes written so far, and the total the archive claims; called after every chunk. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once each file is written and synced; throw or reject to stop extracting. */
  readonly onEntry?: (file: ExtractedFile) => void | Promise<void>;
  readonly signal?: AbortSignal;
}

/**
 * Extracts every entry of `file` into `destDir`, which must exist and be empty, and returns
 * the files written (folders are created but not listed). The whole central directory is
 * vetted first, so a structural problem is refused before anything is written; a problem
 * found in the data itself (a bad checksum, a bomb) stops extraction part-way. Either way
 * nothing is written outside `destDir`, and after any error the caller deletes `destDir`.
 */
export async function extractZip(file: string, destDir: string, options: ExtractOptions = {}): Promise<ExtractedFile[]> {
  const limits = options.limits ?? DEFAULT_PACK_LIMITS;
  const root = await emptyFolder(destDir);
  return withZip(file, async (zip) => {
    const entries = await readCentralDirectory(zip, limits);
    const total = entries.reduce((sum, item) => sum + item.info.size, 0);
    const tally: Tally = { total: 0 };
    const report = (): void => options.onProgress?.(tally.total, total);
    report();
    const written: ExtractedFile[] = [];
    for (const item of entries) {
      options.signal?.throwIfAborted();
      const { path } = item.info;
      const target = targetPath(root, path);
      if (item.isFolder) {
        await onDisk(path, () => mkdir(target, { recursive: true }));
        continue;
      }
      await onDisk(path, () => mkdir(dirname(target), { recursive: true }));
      const sha256 = await writeFile(path, target, entryData(zip, item, limits, tally), report, options.signal);
      const done: ExtractedFile = { ...item.info, sha256 };
      written.push(done);
      await options.onEntry?.(done);
    }
    return written;
  });
}

async function emptyFolder(destDir: string): Promise<string> {
  // Resolved once, so a symlinked temp folder (macOS /var) still compares equal below.
  const root = await realpath(destDir);
  if (!(await stat(root)).isDirectory()) throw new Error(`Cannot extract into ${destDir}: it is not a folder.`);
  if ((await readdir(root)).length > 0) throw new Error(`Cannot extract into ${destDir}: it is not empty.`);
  return root;
}

/** Entry names were checked already; this guards the join itself, in case a check ever slips. */
function targetPath(root: string, path: string): string {
  const target = join(root, ...path.split('/').filter((segment) => segment !== ''));
  const inside = relative(root, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new ArchiveError('unsafe-path', path, `${subject(path)} would be written outside the destination folder.`);
  }
  return target;
}

/**
 * The folder started empty and no two names fold to one file, so an existing path means a
 * file system equates names we thought distinct: refuse it as a duplicate, never overwrite.
 */
async function onDisk<T>(path: string, act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (err) {
    if (err instanceof Error && 'code' in err && (err.code === 'EEXIST' || err.code === 'ENOTDIR')) {
      throw new ArchiveError('duplicate-entry', path, `${subject(path)} collides on disk with an entry written before it.`);
    }
    throw err;
  }
}

async function writeFile(path: string, target: string, data: AsyncIterable<Buffer>, report: () => void, signal: AbortSignal | undefined): Promise<string> {
  const hash = createHash('sha256');
  // 'wx' creates a new file or fails: it never follows a symlink or replaces what is there.
  const handle = await onDisk(path, () => open(target, 'wx'));
  try {
    for await (const chunk of data) {
      signal?.throwIfAborted();
      hash.update(chunk);
      for (let offset = 0; offset < chunk.length; ) {
        offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
      }
      report();
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
