/**
 * Compressed bodies. Devices on slow links may send statements gzip- or
 * deflate-encoded (Content-Encoding), and receive large answers gzipped when
 * they say they can (Accept-Encoding). The size limit applies to the inflated
 * body: inflating stops as soon as it passes the limit, so a small "zip bomb"
 * costs the hub no more than the limit itself.
 */
import { promisify } from 'node:util';
import { gunzip, gzip, inflate, inflateRaw, type InputType, type ZlibOptions } from 'node:zlib';

export type ContentCoding = 'identity' | 'gzip' | 'deflate';

/** Codings this hub inflates; sent back with a 415 so a client knows what to use. */
export const ACCEPTED_CODINGS = 'gzip, deflate';

/** Answers smaller than this go out as they are: gzip would save less than a packet. */
export const COMPRESS_FROM_BYTES = 1400;

export class CodingError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'CodingError';
  }
}

type Inflater = (input: InputType, options: ZlibOptions) => Promise<Buffer>;
const inflaters: Record<'gzip' | 'deflate' | 'deflate-raw', Inflater> = {
  gzip: promisify<InputType, ZlibOptions, Buffer>(gunzip),
  deflate: promisify<InputType, ZlibOptions, Buffer>(inflate),
  'deflate-raw': promisify<InputType, ZlibOptions, Buffer>(inflateRaw),
};
const gzipAsync = promisify<InputType, ZlibOptions, Buffer>(gzip);

/** The one coding a Content-Encoding header names; throws 415 for anything else, or for stacked codings. */
export function contentCoding(header: string | undefined): ContentCoding {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return 'identity';
  const [only] = codings;
  if (codings.length === 1 && (only === 'gzip' || only === 'x-gzip')) return 'gzip';
  if (codings.length === 1 && only === 'deflate') return 'deflate';
  throw new CodingError(415, `Content-Encoding ${header ?? ''} is not supported; send the body as it is, or with gzip or deflate`);
}

/**
 * "deflate" in HTTP means zlib's format, but some clients send bare deflate data;
 * a zlib stream starts with a header whose first two bytes are a multiple of 31.
 */
function hasZlibHeader(data: Buffer): boolean {
  const [a, b] = [data[0], data[1]];
  return a !== undefined && b !== undefined && (a & 0x0f) === 8 && ((a << 8) | b) % 31 === 0;
}

/** The inflated body; 413 past `limit` bytes (inflating stops there), 400 for damaged data. */
export async function decodeBody(data: Buffer, coding: ContentCoding, limit: number): Promise<Buffer> {
  if (coding === 'identity') return data;
  const inflater = coding === 'gzip' ? inflaters.gzip : hasZlibHeader(data) ? inflaters.deflate : inflaters['deflate-raw'];
  try {
    return await inflater(data, { maxOutputLength: limit });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new CodingError(413, `The body inflates to more than ${limit} bytes`);
    }
    throw new CodingError(400, `The body is not valid ${coding} data`);
  }
}

/** Whether an Accept-Encoding header allows gzip (by name or by *, with a quality above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  let gzipQ: number | undefined;
  let anyQ: number | undefined;
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isNaN(q)) continue;
    if (name === 'gzip' || name === 'x-gzip') gzipQ = q;
    else if (name === '*') anyQ = q;
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}

/** The payload gzipped when the client accepts it and it is worth it; otherwise as it is. */
export async function maybeGzip(payload: Buffer, acceptEncoding: string | undefined): Promise<{ body: Buffer; gzipped: boolean }> {
  if (payload.length < COMPRESS_FROM_BYTES || !acceptsGzip(acceptEncoding)) return { body: payload, gzipped: false };
  return { body: await gzipAsync(payload, {}), gzipped: true };
}
