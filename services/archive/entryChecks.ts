/**
 * What one central-directory record may claim: a safe name, a plain file or folder, no
 * encryption, store or deflate, and sizes within the limits. Checked before any data is read.
 */
import type { Entry } from 'yauzl';
import { ArchiveError, subject } from './errors';
import { checkEntryPath } from './entryNames';
import { exceedsRatio, type ZipLimits } from './limits';

export interface ZipEntryInfo {
  /** As in the archive; folders end with "/". */
  readonly path: string;
  /** Inflated bytes, as claimed; extraction refuses any entry whose data disagrees. */
  readonly size: number;
  readonly compressedSize: number;
}

/** An entry that passed every check, with what reading its data needs. */
export interface CheckedEntry {
  readonly info: ZipEntryInfo;
  readonly isFolder: boolean;
  readonly crc32: number;
  readonly entry: Entry;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const STORE = 0;
const DEFLATE = 8;

export function checkEntry(entry: Entry, limits: ZipLimits): CheckedEntry {
  const path = entry.fileName;
  checkEntryPath(path);
  const isFolder = path.endsWith('/');
  checkFileType(path, entry.externalFileAttributes, isFolder);
  if (entry.isEncrypted()) throw new ArchiveError('encrypted', path, `${subject(path)} is encrypted.`);
  if (entry.compressionMethod !== STORE && entry.compressionMethod !== DEFLATE) {
    throw new ArchiveError('unsupported-compression', path, `${subject(path)} uses compression method ${entry.compressionMethod}; only store and deflate are read.`);
  }
  const size = entry.uncompressedSize;
  const compressedSize = entry.compressedSize;
  // Some writers give folders an empty deflate stream (2 bytes), but never inflated data.
  if (isFolder && size > 0) throw new ArchiveError('corrupt', path, `${subject(path)} is a folder but claims ${size} bytes of data.`);
  if (size > limits.maxEntrySize) {
    throw new ArchiveError('entry-too-large', path, `${subject(path)} claims ${size} bytes; at most ${limits.maxEntrySize} are allowed per entry.`);
  }
  if (exceedsRatio(size, compressedSize, limits)) {
    throw new ArchiveError('compression-ratio', path, `${subject(path)} claims to grow from ${compressedSize} to ${size} bytes, more than ${limits.maxCompressionRatio} times.`);
  }
  return { info: { path, size, compressedSize }, isFolder, crc32: entry.crc32, entry };
}

/**
 * The high 16 bits of the external attributes are a Unix mode when the writer set one. We
 * read them whatever host the writer claims, since some extractors do too: only a plain
 * file, a plain folder or no type at all gets through.
 */
function checkFileType(path: string, externalAttributes: number, isFolder: boolean): void {
  const type = (externalAttributes >>> 16) & S_IFMT;
  if (type === 0 || type === (isFolder ? S_IFDIR : S_IFREG)) return;
  if (type === S_IFLNK) throw new ArchiveError('symlink', path, `${subject(path)} is a symbolic link.`);
  const what = type === S_IFDIR ? 'is marked as a folder but its name does not end in "/"' : type === S_IFREG ? 'is marked as a file but its name ends in "/"' : `is a special file (type 0o${type.toString(8)})`;
  throw new ArchiveError('special-file', path, `${subject(path)} ${what}.`);
}
