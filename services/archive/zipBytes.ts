/**
 * Test helper: writes zip files byte by byte, so a test can make any header say anything.
 * Nothing here checks anything; that is the point. Layout per APPNOTE.TXT 4.3.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  readonly name: string | Buffer;
  /** Uncompressed content; deflated when `method` is 8 (the default). */
  readonly content?: Buffer;
  /** Bytes to put in the archive as they are, instead of `content` deflated. */
  readonly data?: Buffer;
  readonly method?: number;
  /** General purpose flags; 0x800 (UTF-8 name) unless given. */
  readonly flags?: number;
  readonly crc?: number;
  /** Claimed inflated size, in both headers. */
  readonly size?: number;
  readonly compressedSize?: number;
  /** Unix mode for the external attributes; 0 leaves them empty, as Windows tools do. */
  readonly mode?: number;
  readonly versionMadeBy?: number;
  readonly centralExtra?: Buffer;
  /**
   * Put 0xFFFFFFFF in the 32-bit size fields and the real claims in a zip64 extra field;
   * 'empty-extra' gives the field with no sizes in it, 'no-extra' leaves it out.
   */
  readonly zip64?: boolean | 'empty-extra' | 'no-extra';
  /** Index of an earlier entry whose local header this record points at, writing none of its own. */
  readonly sharesLocalWith?: number;
}

export interface RawZipOptions {
  /** Entry count written in the end record (both of its count fields). */
  readonly claimedEntries?: number;
  /** Adds a zip64 end record and locator; the 32-bit end record then says 0xFFFF / 0xFFFFFFFF. */
  readonly zip64End?: { readonly entries: bigint; readonly recordOffset?: bigint };
  readonly diskNumber?: number;
  readonly comment?: Buffer;
  /** Comment length written in the end record, if it should disagree with the comment. */
  readonly claimedCommentLength?: number;
}

const UNIX = 0x031e;
const U32_MAX = 0xffffffff;

export function rawZip(entries: readonly RawEntry[], options: RawZipOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  const central: Buffer[] = [];
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : entry.name;
    const content = entry.content ?? Buffer.alloc(0);
    const method = entry.method ?? 8;
    const data = entry.data ?? (method === 8 ? deflateRawSync(content) : content);
    const fields = {
      flags: entry.flags ?? 0x800,
      method,
      crc: entry.crc ?? crc32(content),
      size: entry.size ?? content.length,
      compressedSize: entry.compressedSize ?? data.length,
    };
    const shared = entry.sharesLocalWith === undefined ? undefined : offsets[entry.sharesLocalWith];
    const localOffset = shared ?? offset;
    offsets.push(localOffset);
    const zip64Extra =
      entry.zip64 === true ? extraField(0x0001, u64(fields.size), u64(fields.compressedSize)) : entry.zip64 === 'empty-extra' ? extraField(0x0001) : Buffer.alloc(0);
    if (shared === undefined) {
      const local = header(0x04034b50, [u16(20), u16(fields.flags), u16(method), u16(0), u16(0x21)]);
      const sizes = entry.zip64 ? [u32(fields.crc), u32(U32_MAX), u32(U32_MAX)] : [u32(fields.crc), u32(fields.compressedSize), u32(fields.size)];
      parts.push(local, ...sizes, u16(name.length), u16(zip64Extra.length), name, zip64Extra, data);
      offset += 30 + name.length + zip64Extra.length + data.length;
    }
    const mode = entry.mode ?? (name.at(-1) === 0x2f ? 0o040755 : 0o100644);
    const extra = Buffer.concat([zip64Extra, entry.centralExtra ?? Buffer.alloc(0)]);
    central.push(
      header(0x02014b50, [u16(entry.versionMadeBy ?? UNIX), u16(20), u16(fields.flags), u16(method), u16(0), u16(0x21)]),
      u32(fields.crc),
      u32(entry.zip64 ? U32_MAX : fields.compressedSize),
      u32(entry.zip64 ? U32_MAX : fields.size),
      u16(name.length),
      u16(extra.length),
      u16(0),
      u16(0),
      u16(0),
      u32((mode << 16) >>> 0),
      u32(localOffset),
      name,
      extra,
    );
  }
  const directory = Buffer.concat(central);
  const body = Buffer.concat([...parts, directory]);
  return Buffer.concat([body, endRecords(entries.length, offset, directory.length, options)]);
}

function endRecords(count: number, directoryOffset: number, directorySize: number, options: RawZipOptions): Buffer {
  const comment = options.comment ?? Buffer.alloc(0);
  const disk = options.diskNumber ?? 0;
  const claimed = options.claimedEntries ?? count;
  const zip64 = options.zip64End;
  const end = Buffer.concat([
    header(0x06054b50, [u16(zip64 ? 0xffff : disk), u16(zip64 ? 0xffff : disk), u16(zip64 ? 0xffff : claimed), u16(zip64 ? 0xffff : claimed)]),
    u32(zip64 ? U32_MAX : directorySize),
    u32(zip64 ? U32_MAX : directoryOffset),
    u16(options.claimedCommentLength ?? comment.length),
    comment,
  ]);
  if (!zip64) return end;
  const recordOffset = directoryOffset + directorySize;
  const record = Buffer.concat([
    header(0x06064b50, [u64(44n), u16(UNIX), u16(45), u32(disk), u32(0)]),
    u64(zip64.entries),
    u64(zip64.entries),
    u64(BigInt(directorySize)),
    u64(BigInt(directoryOffset)),
  ]);
  const locator = Buffer.concat([header(0x07064b50, [u32(0)]), u64(zip64.recordOffset ?? BigInt(recordOffset)), u32(1)]);
  return Buffer.concat([record, locator, end]);
}

/** An Info-ZIP style extra field: id, length, data. */
export function extraField(id: number, ...data: Buffer[]): Buffer {
  const body = Buffer.concat(data);
  return Buffer.concat([u16(id), u16(body.length), body]);
}

function header(signature: number, fields: Buffer[]): Buffer {
  return Buffer.concat([u32(signature), ...fields]);
}

export function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}

export function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

function u64(value: number | bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(value));
  return b;
}
