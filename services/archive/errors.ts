/**
 * The one error type for hostile or damaged archives. The UI maps `code` to translated
 * text; `message` is for developers and logs, and names the entry when there is one.
 */

export type ArchiveErrorCode =
  | 'not-a-zip'
  | 'truncated'
  | 'corrupt'
  | 'unsafe-path'
  | 'symlink'
  | 'special-file'
  | 'duplicate-entry'
  | 'overlapping-entries'
  | 'too-many-entries'
  | 'entry-too-large'
  | 'total-too-large'
  | 'compression-ratio'
  | 'encrypted'
  | 'unsupported-compression'
  | 'size-mismatch'
  | 'missing-entry';

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';

  constructor(
    readonly code: ArchiveErrorCode,
    readonly entry: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** "Entry "a/b.json"" or "The archive", to start a message. */
export function subject(entry: string | null): string {
  return entry === null ? 'The archive' : `Entry ${JSON.stringify(entry)}`;
}

/**
 * yauzl reports everything as a plain Error, so its messages are the only handle on what
 * went wrong. Some concern one entry but come before yauzl hands it to us: those say "An
 * entry", except the file-name ones, whose message gives the name.
 */
type Subject = 'archive' | 'entry';
const YAUZL_ERRORS: ReadonlyArray<readonly [RegExp, ArchiveErrorCode, Subject, string]> = [
  [/^End of central directory record signature not found/, 'not-a-zip', 'archive', 'is not a zip file: it has no zip directory at its end'],
  [/^unexpected EOF/, 'truncated', 'archive', 'ends before the data it describes: it was probably cut short while copying'],
  [/^file data overflows file bounds/, 'truncated', 'entry', 'claims more data than the archive holds: it was probably cut short while copying'],
  [/^Invalid comment length/, 'corrupt', 'archive', 'has a damaged end record, or extra bytes after it'],
  [/^invalid zip64 end of central directory/, 'corrupt', 'archive', 'has a damaged zip64 end record'],
  [/^multi-disk zip files are not supported/, 'corrupt', 'archive', 'claims to span several disks'],
  [/^invalid central directory file header signature/, 'corrupt', 'archive', 'has a damaged zip directory'],
  [/^invalid local file header signature/, 'corrupt', 'entry', 'points at data that is not an entry'],
  [/^extra field length exceeds/, 'corrupt', 'entry', 'has a damaged extra field'],
  [/^zip64 extended information extra field does not include/, 'corrupt', 'entry', 'claims zip64 sizes it does not give'],
  [/^strong encryption is not supported/, 'encrypted', 'entry', 'is encrypted'],
  [/^entry is encrypted/, 'encrypted', 'entry', 'is encrypted'],
  [/^unsupported compression method/, 'unsupported-compression', 'entry', 'uses a compression method other than store or deflate'],
  [/^compressed\/uncompressed size mismatch for stored file/, 'size-mismatch', 'entry', 'is stored uncompressed but claims two different sizes'],
  [/^too many bytes in the stream/, 'size-mismatch', 'entry', 'inflates to more bytes than it claims'],
  [/^not enough bytes in the stream/, 'size-mismatch', 'entry', 'inflates to fewer bytes than it claims'],
  [/^(?:invalid characters in fileName|absolute path|invalid relative path): (?<name>.*)$/s, 'unsafe-path', 'entry', 'has an unsafe name: absolute, climbing out with "..", or with a backslash'],
];

/**
 * Turns whatever reading an archive threw into an ArchiveError. Disk and permission errors
 * (they carry `syscall`) are not the archive's fault and pass through unchanged.
 */
export function asArchiveError(err: unknown, entry: string | null): Error {
  if (err instanceof ArchiveError) return err;
  if (!(err instanceof Error)) return new ArchiveError('corrupt', entry, `${subject(entry)} could not be read.`);
  const code = 'code' in err && typeof err.code === 'string' ? err.code : '';
  if (code.startsWith('Z_')) {
    return new ArchiveError('corrupt', entry, `${subject(entry)} has a damaged compressed stream (${err.message}).`);
  }
  if ('syscall' in err) return err;
  for (const [pattern, archiveCode, about, what] of YAUZL_ERRORS) {
    const match = pattern.exec(err.message);
    if (!match) continue;
    const name = entry ?? match.groups?.['name'] ?? null;
    const who = name === null && about === 'entry' ? 'An entry' : subject(name);
    return new ArchiveError(archiveCode, name, `${who} ${what} (${err.message}).`);
  }
  return new ArchiveError('corrupt', entry, `${subject(entry)} could not be read (${err.message}).`);
}
