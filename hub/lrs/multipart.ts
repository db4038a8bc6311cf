/**
 * multipart/mixed bodies (RFC 2046 §5.1), as xAPI sends statements with their
 * attachments: read (multipartScan.ts finds the parts in the body readBody has
 * limited in size) and written.
 */
import { randomUUID } from 'node:crypto';
import { HttpError } from './httpIo';
import { scanParts, VALID_BOUNDARY, type ScanProblem } from './multipartScan';

export interface MimePart {
  /** Header names in lower case. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

/** More parts than this is an attack, not a batch of statements. */
export const MAX_PARTS = 1000;

const CRLF = Buffer.from('\r\n');

/** A media type and its parameters (names in lower case, quotes removed). */
export function parseMediaType(header: string): { type: string; params: Map<string, string> } {
  const [type = '', ...rest] = header.split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const value = param.slice(eq + 1).trim();
    params.set(param.slice(0, eq).trim().toLowerCase(), value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value);
  }
  return { type: type.trim().toLowerCase(), params };
}

/** The boundary of a multipart/mixed Content-Type; 400 when it is missing or not one RFC 2046 allows. */
export function multipartBoundary(contentType: string): string {
  const boundary = parseMediaType(contentType).params.get('boundary');
  if (boundary === undefined || !VALID_BOUNDARY.test(boundary)) throw new HttpError(400, 'A multipart/mixed body needs a boundary parameter of 1 to 70 allowed characters');
  return boundary;
}

function parseHeaders(block: string, index: number): Map<string, string> {
  const headers = new Map<string, string>();
  if (block === '') return headers;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpError(400, `Part ${index + 1} of the multipart body has a header line without a name: ${JSON.stringify(line.slice(0, 80))}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

const REFUSALS: Readonly<Record<ScanProblem, (part: number) => string>> = {
  'no-boundary': () => 'The multipart body does not contain its boundary; check the boundary in Content-Type',
  'not-a-delimiter-line': () => 'A multipart boundary line is followed by something other than a line break',
  unterminated: () => 'The multipart body ends before its closing boundary; it may have been cut short',
  'too-many-parts': () => `The multipart body has more than ${MAX_PARTS} parts`,
  'headers-unended': (part) => `Part ${part + 1} of the multipart body has no blank line after its headers`,
};

/** The parts of a multipart body; 400 when the boundary never appears, a part is unterminated or the close delimiter is missing. */
export function parseMultipart(body: Buffer, boundary: string): MimePart[] {
  const parts = scanParts(body, boundary, { maxParts: MAX_PARTS }, (problem, part) => {
    throw new HttpError(400, REFUSALS[problem](part));
  });
  return parts.map((p, index) => ({ headers: parseHeaders(p.head.toString('latin1'), index), body: p.body }));
}

export interface OutgoingPart {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** A multipart/mixed body and its Content-Type, with a boundary that occurs in none of the parts. */
export function encodeMultipart(parts: readonly OutgoingPart[]): { body: Buffer; contentType: string } {
  let boundary = `baraza-${randomUUID()}`;
  while (parts.some((p) => p.body.includes(boundary))) boundary = `baraza-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`), part.body, CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}
