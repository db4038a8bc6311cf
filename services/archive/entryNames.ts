/**
 * Which entry names may become files. A pack is written on Linux, carried on a FAT stick
 * and installed on Windows or macOS, so a name must be safe and mean one file on all of them.
 */
import { ArchiveError, subject } from './errors';

export const MAX_PATH_BYTES = 1024;
/** ext4, APFS and NTFS all stop near 255 per segment. */
const MAX_SEGMENT_BYTES = 255;
/** Windows refuses these in names, and `:` would open an NTFS alternate data stream. */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
/** Windows opens the device, not a file, for these names, whatever the extension. */
const WINDOWS_DEVICES = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;

function hasControlCharacter(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Why `path` may not be written, or null when it is a safe, portable relative path. */
export function entryPathProblem(path: string): string | null {
  if (path === '' || path === '/') return 'has an empty name';
  if (Buffer.byteLength(path) > MAX_PATH_BYTES) return `has a name longer than ${MAX_PATH_BYTES} bytes`;
  if (path.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'starts with a drive letter';
  if (hasControlCharacter(path)) return 'contains a control character such as NUL';
  if (path.includes('\\')) return 'contains a backslash';
  // Decoding invalid UTF-8 gives U+FFFD, so two different names could come out the same.
  if (path.includes('\uFFFD')) return 'is not valid UTF-8';
  if (WINDOWS_FORBIDDEN.test(path)) return 'contains a character Windows does not allow in names';
  const body = path.endsWith('/') ? path.slice(0, -1) : path;
  for (const segment of body.split('/')) {
    if (segment === '') return 'has an empty path segment';
    if (segment === '.' || segment === '..') return 'has a "." or ".." segment';
    // Windows drops trailing dots and spaces, so "a." would land on "a" and ".. " on "..".
    if (segment.endsWith('.') || segment.endsWith(' ')) return 'has a segment ending in a dot or space';
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return `has a segment longer than ${MAX_SEGMENT_BYTES} bytes`;
    if (WINDOWS_DEVICES.test(segment)) return 'uses a name Windows reserves for devices';
  }
  return null;
}

export function checkEntryPath(path: string): void {
  const problem = entryPathProblem(path);
  if (problem !== null) throw new ArchiveError('unsafe-path', path, `${subject(path)} ${problem}.`);
}

/**
 * The name a case-insensitive, normalisation-insensitive file system would store: refusing
 * "ss" next to "ß" now and then is cheaper than one entry silently overwriting another.
 */
function foldSegment(segment: string): string {
  return segment.toUpperCase().toLowerCase().normalize('NFC');
}

type Kind = 'file' | 'folder' | 'implied folder';

/** The names of one archive so far, refusing any that would land where another already did. */
export class EntryNames {
  private readonly seen = new Map<string, { readonly path: string; readonly kind: Kind }>();

  /** `path` must already have passed checkEntryPath. */
  add(path: string): void {
    const isFolder = path.endsWith('/');
    const segments = (isFolder ? path.slice(0, -1) : path).split('/');
    const keys = segments.map(foldSegment);
    for (let depth = 1; depth < keys.length; depth++) {
      const key = keys.slice(0, depth).join('/');
      const earlier = this.seen.get(key);
      if (earlier?.kind === 'file') throw clash(path, `is inside ${JSON.stringify(earlier.path)}, which is a file`);
      if (!earlier) this.seen.set(key, { path: `${segments.slice(0, depth).join('/')}/`, kind: 'implied folder' });
    }
    const key = keys.join('/');
    const earlier = this.seen.get(key);
    if (earlier && !(isFolder && earlier.kind === 'implied folder')) {
      const other = JSON.stringify(earlier.path);
      if (earlier.path === path) throw clash(path, 'appears twice');
      if ((earlier.kind === 'file') === isFolder) throw clash(path, `is a ${isFolder ? 'folder' : 'file'}, but ${other} is a ${isFolder ? 'file' : 'folder'}`);
      throw clash(path, `would overwrite ${other} on systems that ignore case or Unicode normalisation`);
    }
    this.seen.set(key, { path, kind: isFolder ? 'folder' : 'file' });
  }
}

function clash(path: string, what: string): ArchiveError {
  return new ArchiveError('duplicate-entry', path, `${subject(path)} ${what}.`);
}
