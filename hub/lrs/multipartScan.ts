/**
 * Where the parts of a multipart body are (RFC 2046 §5.1): the one boundary scanner
 * behind multipart/mixed (statements with attachments, multipart.ts) and
 * multipart/form-data (the upload page, upload/multipart.ts). Each reader decides
 * what the parts mean and words the refusals its own way. The body is already in
 * memory and size-limited, so a part can never be larger than the body.
 */

/** What is wrong with a body, for the reader to put in its own words. */
export type ScanProblem = 'no-boundary' | 'not-a-delimiter-line' | 'unterminated' | 'too-many-parts' | 'headers-unended';

export interface RawPart {
  /** The header lines without the blank line after them; empty for a part that has none. */
  readonly head: Buffer;
  readonly body: Buffer;
}

export interface ScanLimits {
  readonly maxParts: number;
  /** Longest header block a part may have. */
  readonly maxHeaderBytes?: number;
}

// RFC 2046 bchars: a boundary is 1-70 of these and does not end in a space.
export const VALID_BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

const CR = 0x0d;
const LF = 0x0a;
const HEADERS_END = Buffer.from('\r\n\r\n');

/** The parts between the first delimiter and the close delimiter; `refuse` is called (and must throw) at the first problem. */
export function scanParts(body: Buffer, boundary: string, limits: ScanLimits, refuse: (problem: ScanProblem, part: number) => never): RawPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  // Every delimiter but one opening the body follows a line break; what comes before the first is a preamble.
  const between = Buffer.from(`\r\n--${boundary}`);
  const opening = body.subarray(0, delimiter.length).equals(delimiter);
  const first = opening ? 0 : body.indexOf(between);
  if (first < 0) return refuse('no-boundary', 0);
  let at = opening ? 0 : first + 2;
  const parts: RawPart[] = [];
  for (;;) {
    let pos = at + delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts;
    // Transport padding (spaces, tabs) may follow a delimiter before its line break.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] !== CR || body[pos + 1] !== LF) return refuse('not-a-delimiter-line', parts.length);
    pos += 2;
    if (parts.length >= limits.maxParts) return refuse('too-many-parts', parts.length);
    const next = body.indexOf(between, pos);
    if (next < 0) return refuse('unterminated', parts.length);
    const part = body.subarray(pos, next);
    if (part[0] === CR && part[1] === LF) {
      parts.push({ head: Buffer.alloc(0), body: part.subarray(2) });
    } else {
      const end = part.indexOf(HEADERS_END);
      if (end < 0 || end > (limits.maxHeaderBytes ?? Number.POSITIVE_INFINITY)) return refuse('headers-unended', parts.length);
      parts.push({ head: part.subarray(0, end), body: part.subarray(end + HEADERS_END.length) });
    }
    at = next + 2;
  }
}
