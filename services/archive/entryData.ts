/**
 * An entry's data as it actually inflates, refused the moment it breaks its own claims or
 * the limits. The directory's sizes were checked already; these checks count real bytes.
 */
import { crc32 } from 'node:zlib';
import type { ZipFile } from 'yauzl';
import { ArchiveError, asArchiveError, subject } from './errors';
import type { CheckedEntry } from './entryChecks';
import { exceedsRatio, type ZipLimits } from './limits';

/** Bytes inflated so far across the whole archive. */
export interface Tally {
  total: number;
}

/** What the central directory promised about one entry's data. */
export interface DataClaim {
  readonly path: string;
  readonly size: number;
  readonly compressedSize: number;
  readonly crc32: number;
}

export async function* entryData(zip: ZipFile, item: CheckedEntry, limits: ZipLimits, tally: Tally): AsyncGenerator<Buffer> {
  const claim: DataClaim = { ...item.info, crc32: item.crc32 };
  try {
    const stream = await zip.openReadStreamPromise(item.entry);
    yield* checkedChunks(stream, claim, limits, tally);
  } catch (err) {
    throw asArchiveError(err, claim.path);
  }
}

/**
 * yauzl's validateEntrySizes already stops data that outgrows its claimed size; counting
 * again here means no limit rests on one library's check alone. The compressed side of the
 * ratio is the claimed compressed size, which is exactly how many bytes yauzl reads.
 */
export async function* checkedChunks(source: AsyncIterable<unknown>, claim: DataClaim, limits: ZipLimits, tally: Tally): AsyncGenerator<Buffer> {
  const { path } = claim;
  let bytes = 0;
  let crc = 0;
  for await (const chunk of source) {
    if (!Buffer.isBuffer(chunk)) throw new TypeError(`Entry data for ${JSON.stringify(path)} came as ${typeof chunk}, not bytes.`);
    bytes += chunk.length;
    tally.total += chunk.length;
    if (bytes > claim.size) {
      throw new ArchiveError('size-mismatch', path, `${subject(path)} inflates to more than the ${claim.size} bytes it claims.`);
    }
    if (bytes > limits.maxEntrySize) {
      throw new ArchiveError('entry-too-large', path, `${subject(path)} inflates to more than ${limits.maxEntrySize} bytes.`);
    }
    if (tally.total > limits.maxTotalSize) {
      throw new ArchiveError('total-too-large', path, `The archive inflates to more than ${limits.maxTotalSize} bytes in all, reaching past it at entry ${JSON.stringify(path)}.`);
    }
    if (exceedsRatio(bytes, claim.compressedSize, limits)) {
      throw new ArchiveError('compression-ratio', path, `${subject(path)} grows from ${claim.compressedSize} bytes to more than ${limits.maxCompressionRatio} times that.`);
    }
    crc = crc32(chunk, crc);
    yield chunk;
  }
  if (bytes !== claim.size) {
    throw new ArchiveError('size-mismatch', path, `${subject(path)} inflates to ${bytes} bytes, not the ${claim.size} it claims.`);
  }
  if (crc !== claim.crc32) throw new ArchiveError('corrupt', path, `${subject(path)} fails its CRC-32 check: its data is damaged.`);
}
