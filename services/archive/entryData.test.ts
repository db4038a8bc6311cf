/*
 * yauzl's own size check stops most of these before ours sees them, so our counting is
 * tested here directly, on data that lies, without yauzl in the way.
 */
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkedChunks, type DataClaim, type Tally } from './entryData';
import { ArchiveError, asArchiveError } from './errors';
import { DEFAULT_PACK_LIMITS, RATIO_GRACE_BYTES, type ZipLimits } from './limits';

async function* chunks(...parts: Buffer[]): AsyncGenerator<Buffer> {
  yield* parts;
}

async function drain(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

const claimFor = (data: Buffer, more: Partial<DataClaim> = {}): DataClaim => ({ path: 'x.bin', size: data.length, compressedSize: data.length, crc32: crc32(data), ...more });
const limits = (more: Partial<ZipLimits>): ZipLimits => ({ ...DEFAULT_PACK_LIMITS, ...more });

describe('checkedChunks', () => {
  const data = Buffer.from('hello, world');

  it('passes honest data through and adds it to the tally', async () => {
    const tally: Tally = { total: 5 };
    expect(await drain(checkedChunks(chunks(data.subarray(0, 4), data.subarray(4)), claimFor(data), DEFAULT_PACK_LIMITS, tally))).toEqual(data);
    expect(tally.total).toBe(5 + data.length);
  });

  it.each([
    ['more bytes than claimed', claimFor(data, { size: 4 }), DEFAULT_PACK_LIMITS, 'size-mismatch'],
    ['fewer bytes than claimed', claimFor(data, { size: 40 }), DEFAULT_PACK_LIMITS, 'size-mismatch'],
    ['a wrong checksum', claimFor(data, { crc32: 1 }), DEFAULT_PACK_LIMITS, 'corrupt'],
    ['more than the entry limit', claimFor(data), limits({ maxEntrySize: 5 }), 'entry-too-large'],
    ['more than the total limit', claimFor(data), limits({ maxTotalSize: 5 }), 'total-too-large'],
  ] as const)('refuses %s', async (_, claim, lim, code) => {
    await expect(drain(checkedChunks(chunks(data.subarray(0, 6), data.subarray(6)), claim, lim, { total: 0 }))).rejects.toMatchObject({ code, entry: 'x.bin' });
  });

  it('counts the total across entries', async () => {
    const tally: Tally = { total: 0 };
    const lim = limits({ maxTotalSize: 20 });
    await drain(checkedChunks(chunks(data), claimFor(data), lim, tally));
    await expect(drain(checkedChunks(chunks(data), claimFor(data), lim, tally))).rejects.toMatchObject({ code: 'total-too-large' });
  });

  it('judges the ratio on bytes actually inflated, once past the grace', async () => {
    const big = Buffer.alloc(RATIO_GRACE_BYTES + 1);
    const claim = claimFor(big, { compressedSize: 1000 });
    const seen: number[] = [];
    const run = async (): Promise<void> => {
      for await (const part of checkedChunks(chunks(big.subarray(0, RATIO_GRACE_BYTES), big.subarray(RATIO_GRACE_BYTES)), claim, DEFAULT_PACK_LIMITS, { total: 0 })) seen.push(part.length);
    };
    await expect(run()).rejects.toMatchObject({ code: 'compression-ratio' });
    // Refused at the chunk that crossed the line, before it was handed on.
    expect(seen).toEqual([RATIO_GRACE_BYTES]);
  });

  it('stops before handing on the chunk that breaks a claim', async () => {
    const seen: Buffer[] = [];
    const run = async (): Promise<void> => {
      for await (const part of checkedChunks(chunks(data.subarray(0, 4), data.subarray(4)), claimFor(data, { size: 6 }), DEFAULT_PACK_LIMITS, { total: 0 })) seen.push(part);
    };
    await expect(run()).rejects.toBeInstanceOf(ArchiveError);
    expect(Buffer.concat(seen).length).toBe(4);
  });
});

describe('asArchiveError', () => {
  it('lets disk and permission errors through unchanged', () => {
    const disk = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    expect(asArchiveError(disk, 'a.json')).toBe(disk);
  });

  it('maps zlib errors to corrupt, naming the entry', () => {
    const zlib = Object.assign(new Error('invalid distance too far back'), { code: 'Z_DATA_ERROR', errno: -3 });
    expect(asArchiveError(zlib, 'a.json')).toMatchObject({ code: 'corrupt', entry: 'a.json' });
  });

  it('maps an unknown error to corrupt rather than letting it escape as something else', () => {
    expect(asArchiveError(new Error('something new in yauzl 4'), null)).toMatchObject({ code: 'corrupt', entry: null });
    expect(asArchiveError('a string', null)).toMatchObject({ code: 'corrupt' });
  });
});
