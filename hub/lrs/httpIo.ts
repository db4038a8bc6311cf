/**
 * Reading requests and writing replies for the xAPI resources: size limits,
 * compressed bodies, the headers every reply carries, and CORS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACCEPTED_CODINGS, CodingError, contentCoding, decodeBody, maybeGzip } from './compression';

export const XAPI_VERSION_HEADER = 'X-Experience-API-Version';
export const SERVED_VERSION = '2.0.0';
/** The largest body accepted, counted after inflating a compressed one. */
export const MAX_BODY = 4 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The app reaches the hub from its own origin (app://baraza, or the web host), so
 * the hub answers cross-origin requests. It uses no cookies: access rests on the
 * Authorization header alone, which a page cannot send without being given it.
 */
const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Content-Encoding, X-Experience-API-Version, If-Match, If-None-Match',
  'Access-Control-Expose-Headers': 'X-Experience-API-Version, X-Experience-API-Consistent-Through, ETag, Last-Modified',
  'Access-Control-Max-Age': '600',
};

export interface SendOptions {
  readonly headers?: Record<string, string>;
  /** The request's Accept-Encoding, for answers that may go out gzipped. */
  readonly acceptEncoding?: string;
}

/** A Buffer body goes out as-is (its Content-Type in the headers); anything else as JSON. */
export async function send(res: ServerResponse, status: number, body: unknown, options: SendOptions = {}): Promise<void> {
  const raw = Buffer.isBuffer(body);
  const payload = raw ? body : Buffer.from(body === undefined ? '' : JSON.stringify(body));
  const compressible = options.acceptEncoding !== undefined;
  const { body: out, gzipped } = compressible ? await maybeGzip(payload, options.acceptEncoding) : { body: payload, gzipped: false };
  res.writeHead(status, {
    ...CORS_HEADERS,
    [XAPI_VERSION_HEADER]: SERVED_VERSION,
    ...(payload.length > 0 && !raw ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
    ...(gzipped ? { 'Content-Encoding': 'gzip' } : {}),
    'Content-Length': String(out.length),
    ...options.headers,
  });
  res.end(out);
}

/** The body as sent, up to MAX_BODY bytes. */
async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is still drained (up to a hard cap) so the client reads the 413, not a reset.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY * 4) break;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY) throw new HttpError(413, `The body is larger than ${MAX_BODY} bytes`);
  return Buffer.concat(chunks);
}

/** The body, inflated when it came gzip- or deflate-encoded; 413 past MAX_BODY either way. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const data = await readRaw(req);
  try {
    // Read first, refuse after: a client sending an unknown coding still gets the 415, not a reset.
    return await decodeBody(data, contentCoding(req.headers['content-encoding']), MAX_BODY);
  } catch (err) {
    if (err instanceof CodingError) throw new HttpError(err.status, err.message, err.status === 415 ? { 'Accept-Encoding': ACCEPTED_CODINGS } : {});
    throw err;
  }
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) throw new HttpError(400, 'Content-Type must be application/json');
  const body = await readBody(req);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not valid JSON');
  }
}

export function checkVersion(req: IncomingMessage): void {
  const version = req.headers[XAPI_VERSION_HEADER.toLowerCase()];
  if (typeof version !== 'string') throw new HttpError(400, `The ${XAPI_VERSION_HEADER} header is missing`);
  if (!/^(1\.0(\.[0-9]+)?|2\.0(\.[0-9]+)?)$/.test(version)) throw new HttpError(400, `xAPI version ${version} is not supported (2.0.0 and 1.0.x are)`);
}
