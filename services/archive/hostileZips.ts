/**
 * Test helper: a catalogue of hostile archives, each generated here byte by byte, with the
 * code it must be refused with. No binary fixture is ever committed.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import type { ArchiveErrorCode } from './errors';
import { DEFAULT_PACK_LIMITS, type ZipLimits } from './limits';
import { extraField, rawZip, u32, type RawEntry } from './zipBytes';

export interface HostileZip {
  readonly name: string;
  readonly bytes: Buffer;
  readonly code: ArchiveErrorCode;
  /** The entry the error must name, when there is one to name. */
  readonly entry?: string | null;
  readonly limits?: ZipLimits;
  /** True when the problem is in the directory, so listZip refuses it and extraction writes nothing. */
  readonly inDirectory: boolean;
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');
const zeros = (n: number): Buffer => Buffer.alloc(n);
const file = (name: string | Buffer, body = 'x', more: Partial<RawEntry> = {}): RawEntry => ({ name, content: text(body), ...more });
const zip = (...entries: RawEntry[]): Buffer => rawZip(entries);
const small = (limits: Partial<ZipLimits>): ZipLimits => ({ ...DEFAULT_PACK_LIMITS, ...limits });

/** A well-formed two-entry archive, for cutting. */
export function sampleZip(): Buffer {
  return zip(file('manifest.json', '{"id":"sample"}'.repeat(40)), file('en/a.json', 'a'.repeat(500), { method: 0 }));
}

function truncations(): HostileZip[] {
  const whole = sampleZip();
  const directory = whole.indexOf(u32(0x02014b50));
  const end = whole.lastIndexOf(u32(0x06054b50));
  const cut = (name: string, at: number): HostileZip => ({ name: `cut ${name}`, bytes: whole.subarray(0, at), code: 'truncated', entry: null, inDirectory: true });
  return [
    cut('inside the first local header', 12),
    cut('inside the first entry’s data', 50),
    cut('inside the central directory', directory + 20),
    cut('just before the end record', end),
    cut('inside the end record', end + 10),
    { name: 'cut short with the end record kept', bytes: Buffer.concat([whole.subarray(0, 40), whole.subarray(end)]), code: 'truncated', entry: null, inDirectory: true },
    { name: 'data claimed past the end of the file', bytes: zip(file('big.bin', 'x', { method: 0, size: 900_000, compressedSize: 900_000 })), code: 'truncated', entry: 'big.bin', inDirectory: true },
  ];
}

function notZips(): HostileZip[] {
  const case_ = (name: string, bytes: Buffer): HostileZip => ({ name, bytes, code: 'not-a-zip', entry: null, inDirectory: true });
  return [
    case_('an empty file', Buffer.alloc(0)),
    case_('plain text', text('This is not a pack, just a note someone renamed.\n')),
    case_('a PNG image', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')),
  ];
}

function damaged(): HostileZip[] {
  const d = (name: string, bytes: Buffer, entry: string | null, inDirectory = false): HostileZip => ({ name, bytes, code: 'corrupt', entry, inDirectory });
  const content = text('{"hello":"world"}'.repeat(100));
  const deflated = deflateRawSync(content);
  return [
    d('a wrong CRC-32', zip(file('a.json', 'hello', { crc: 0xdeadbeef })), 'a.json'),
    d('a wrong CRC-32 on a stored entry', zip(file('a.json', 'hello', { method: 0, crc: 0x12345678 })), 'a.json'),
    d('a deflate stream with a reserved block type', zip({ name: 'a.json', data: Buffer.from([0x07, 0, 0, 0]), size: 10, crc: 0 }), 'a.json'),
    d('a deflate stream cut in half', zip({ name: 'a.json', data: deflated.subarray(0, deflated.length >> 1), size: content.length, crc: crc32(content) }), 'a.json'),
    d('a folder entry carrying data', zip({ name: 'docs/', method: 0, content: text('hidden') }), 'docs/', true),
    d('extra bytes after the end record', rawZip([file('a.json')], { claimedCommentLength: 0, comment: text('junk') }), null, true),
    d('a multi-disk archive', rawZip([file('a.json')], { diskNumber: 1 }), null, true),
    d('a broken extra field', zip(file('a.json', 'x', { centralExtra: Buffer.from([0x55, 0x54, 0xff, 0x00]) })), null, true),
  ];
}

function zip64Lies(): HostileZip[] {
  const bomb = zeros(200_000);
  return [
    { name: 'zip64 end record claiming 2^40 entries', bytes: rawZip([file('a.json')], { zip64End: { entries: 1n << 40n } }), code: 'too-many-entries', entry: null, inDirectory: true },
    { name: 'zip64 end record pointing past the file', bytes: rawZip([file('a.json')], { zip64End: { entries: 1n, recordOffset: 1n << 40n } }), code: 'truncated', entry: null, inDirectory: true },
    { name: 'zip64 sizes flagged but not given', bytes: zip(file('a.bin', 'x', { zip64: 'empty-extra' })), code: 'corrupt', entry: null, inDirectory: true },
    { name: 'zip64 sizes flagged with no zip64 field', bytes: zip(file('a.bin', 'x', { zip64: 'no-extra' })), code: 'entry-too-large', entry: 'a.bin', inDirectory: true },
    { name: 'zip64 entry claiming 2^40 bytes', bytes: zip(file('a.bin', 'x', { zip64: true, size: 2 ** 40 })), code: 'entry-too-large', entry: 'a.bin', inDirectory: true },
    { name: 'zip64 entry inflating past its claim', bytes: zip({ name: 'a.bin', content: bomb, zip64: true, size: 100 }), code: 'size-mismatch', entry: 'a.bin', inDirectory: false },
  ];
}

function unsafeNames(outside: string): HostileZip[] {
  const bad = (label: string, name: string | Buffer): HostileZip => ({
    name: `a name with ${label}`,
    bytes: zip(file(name, 'pwned')),
    code: 'unsafe-path',
    // A name given as raw bytes is only known once decoded.
    entry: typeof name === 'string' ? name : undefined,
    inDirectory: true,
  });
  const unicodePath = (name: string): RawEntry => ({
    name: 'innocent.txt',
    content: text('pwned'),
    centralExtra: extraField(0x7075, Buffer.from([1]), u32(crc32(text('innocent.txt'))), text(name)),
  });
  return [
    bad('".." at the start', '../escaped.txt'),
    bad('".." climbing twice', 'a/../../escaped.txt'),
    bad('an absolute path', `${outside}/absolute.txt`),
    bad('a drive letter', 'C:escaped.txt'),
    bad('a drive and slash', 'C:/escaped.txt'),
    bad('a backslash', 'a\\..\\..\\escaped.txt'),
    bad('a NUL byte', 'a.json\0.png'),
    bad('an escape character', 'a\u001b[2J.json'),
    bad('an empty segment', 'a//b.json'),
    bad('a "." segment', './a.json'),
    bad('a lone "."', '.'),
    bad('a "." folder', 'a/./b.json'),
    bad('a trailing dot', 'a/b.'),
    bad('a trailing space', 'a/.. /b.json'),
    bad('a colon (NTFS stream)', 'a.json:hidden'),
    bad('a Windows device name', 'en/CON.json'),
    bad('a 300-byte segment', `${'a'.repeat(300)}.json`),
    bad('a 1100-byte path', `${'abcdefghi/'.repeat(110)}x.json`),
    bad('invalid UTF-8', Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x6a])),
    { name: 'a Unicode path extra field climbing out', bytes: zip(unicodePath('../escaped.txt')), code: 'unsafe-path', entry: '../escaped.txt', inDirectory: true },
  ];
}

function duplicates(): HostileZip[] {
  const dup = (name: string, entries: RawEntry[], entry: string): HostileZip => ({ name, bytes: zip(...entries), code: 'duplicate-entry', entry, inDirectory: true });
  return [
    dup('the same name twice', [file('a.json', 'first'), file('a.json', 'second')], 'a.json'),
    dup('names differing only in case', [file('A.json'), file('a.json')], 'a.json'),
    dup('NFC and NFD of the same name', [file('caf\u00e9.json'), file('cafe\u0301.json')], 'cafe\u0301.json'),
    dup('a file then a path through it', [file('a'), file('a/b')], 'a/b'),
    dup('a path then a file on its folder', [file('a/b'), file('a')], 'a'),
    dup('a folder entry then a file of that name', [{ name: 'a/', method: 0 }, file('a')], 'a'),
    dup('a file then a folder entry of that name', [file('a'), { name: 'a/', method: 0 }], 'a/'),
    dup('a folder entry twice', [{ name: 'docs/', method: 0 }, { name: 'docs/', method: 0 }], 'docs/'),
    dup('folders differing only in case, through a file', [file('Docs'), file('docs/a.json')], 'docs/a.json'),
  ];
}

function types(): HostileZip[] {
  const typed = (name: string, entryName: string, mode: number, code: ArchiveErrorCode): HostileZip => ({ name, bytes: zip(file(entryName, '/etc/passwd', { mode })), code, entry: entryName, inDirectory: true });
  return [
    typed('a symlink', 'link', 0o120777, 'symlink'),
    typed('a symlink named like a folder', 'link/', 0o120777, 'symlink'),
    typed('a FIFO', 'fifo', 0o010644, 'special-file'),
    typed('a character device', 'tty', 0o020644, 'special-file'),
    typed('a block device', 'disk', 0o060644, 'special-file'),
    typed('a socket', 'sock', 0o140644, 'special-file'),
    typed('a folder mode on a file name', 'notafolder', 0o040755, 'special-file'),
  ];
}

function overlaps(): HostileZip[] {
  // Entry a's claimed data runs on over b's local header and data: the "quoted" overlap.
  const a = 'a'.repeat(10);
  const quoted = 10 + 30 + 'b.bin'.length + 10;
  const overlap = (name: string, entries: RawEntry[], entry: string): HostileZip => ({ name, bytes: zip(...entries), code: 'overlapping-entries', entry, inDirectory: true });
  return [
    overlap('two records sharing one local header', [file('kernel.bin', 'k'.repeat(1000)), { name: 'copy.bin', content: text('k'.repeat(1000)), sharesLocalWith: 0 }], 'copy.bin'),
    overlap('many records sharing one kernel', [file('k0', 'k'.repeat(1000)), ...[1, 2, 3, 4].map((i) => ({ name: `k${i}`, content: text('k'.repeat(1000)), sharesLocalWith: 0 }))], 'k1'),
    overlap('one entry’s data quoting the next', [file('a.bin', a, { method: 0, size: quoted, compressedSize: quoted }), file('b.bin', 'b'.repeat(10), { method: 0 })], 'b.bin'),
    overlap('folder records sharing a header', [{ name: 'x/', method: 0 }, { name: 'y/', method: 0, sharesLocalWith: 0 }], 'y/'),
  ];
}

function bombs(): HostileZip[] {
  const fourMiB = zeros(4 * 1024 * 1024);
  return [
    { name: 'more entries than allowed', bytes: zip(file('1'), file('2'), file('3'), file('4')), code: 'too-many-entries', entry: null, limits: small({ maxEntries: 3 }), inDirectory: true },
    { name: 'an end record claiming 65535 entries', bytes: rawZip([file('a.json')], { claimedEntries: 0xffff }), code: 'too-many-entries', entry: null, inDirectory: true },
    { name: 'an entry larger than allowed', bytes: zip(file('big.json', 'x'.repeat(2000))), code: 'entry-too-large', entry: 'big.json', limits: small({ maxEntrySize: 1000 }), inDirectory: true },
    { name: 'entries larger than allowed in all', bytes: zip(file('1', 'x'.repeat(400)), file('2', 'x'.repeat(400)), file('3', 'x'.repeat(400))), code: 'total-too-large', entry: '3', limits: small({ maxTotalSize: 1000 }), inDirectory: true },
    { name: 'a compression ratio over the limit', bytes: zip({ name: 'zeros.bin', content: fourMiB }), code: 'compression-ratio', entry: 'zeros.bin', inDirectory: true },
    { name: 'a small claim inflating far past it', bytes: zip({ name: 'bomb.json', content: fourMiB, size: 1000 }), code: 'size-mismatch', entry: 'bomb.json', inDirectory: false },
    { name: 'a large claim inflating short of it', bytes: zip(file('short.json', 'hello', { size: 5000 })), code: 'size-mismatch', entry: 'short.json', inDirectory: false },
    { name: 'a stored entry with two sizes', bytes: zip(file('s.json', 'hello', { method: 0, compressedSize: 5, size: 50 })), code: 'size-mismatch', entry: null, inDirectory: true },
  ];
}

function encodings(): HostileZip[] {
  const enc = (name: string, more: Partial<RawEntry>, code: ArchiveErrorCode, entry: string | null): HostileZip => ({ name, bytes: zip(file('secret.json', 'x', more)), code, entry, inDirectory: true });
  return [
    enc('traditional encryption', { flags: 0x801 }, 'encrypted', 'secret.json'),
    enc('strong encryption', { flags: 0x841 }, 'encrypted', null),
    enc('AES (method 99, encrypted)', { flags: 0x801, method: 99, data: text('ciphertext') }, 'encrypted', 'secret.json'),
    enc('bzip2', { method: 12, data: text('BZh91AY&SY') }, 'unsupported-compression', 'secret.json'),
    enc('LZMA', { method: 14, data: text('lzma') }, 'unsupported-compression', 'secret.json'),
  ];
}

/** Every hostile archive; absolute names point into `outside`, which the test watches. */
export function hostileZips(outside: string): HostileZip[] {
  return [...notZips(), ...truncations(), ...damaged(), ...zip64Lies(), ...unsafeNames(outside), ...duplicates(), ...types(), ...overlaps(), ...bombs(), ...encodings()];
}
