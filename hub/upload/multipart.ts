/**
 * Reads a `multipart/form-data` body (RFC 7578), which is how a browser's plain
 * HTML form sends a file. The body is already in memory and size-limited; this
 * only has to find the parts, and refuse whatever is not a well-formed form.
 */

export interface FormPart {
  /** The form field's name. */
  readonly name: string;
  /** Set for a file field (possibly to ""); absent for a plain field. */
  readonly filename?: string;
  readonly data: Buffer;
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

/** A form with the token and one file has three or four parts; far more is not our form. */
const MAX_PARTS = 16;
const MAX_HEADER_BYTES = 4096;
const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

/** The boundary of a multipart/form-data Content-Type, or null when the type is anything else. */
export function formBoundary(contentType: string | undefined): string | null {
  const match = /^\s*multipart\/form-data\s*;(.*)$/is.exec(contentType ?? '');
  if (!match?.[1]) return null;
  const param = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(match[1]);
  const boundary = param?.[1] ?? param?.[2] ?? '';
  // RFC 2046: 1 to 70 characters from a small set, not ending in a space.
  return /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/.test(boundary) ? boundary : null;
}

/**
 * name="…" or name=token from a Content-Disposition header. Browsers do not escape with
 * backslashes (an old browser's filename may be a Windows path); they percent-encode `"` and line breaks.
 */
function dispositionParam(header: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  if (!match) return undefined;
  return (match[1] ?? match[2] ?? '').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

function readPartHeaders(raw: string): { name: string; filename?: string } {
  let disposition: string | undefined;
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new MultipartError('A part of the form has a damaged header.');
    if (line.slice(0, colon).trim().toLowerCase() === 'content-disposition') disposition = line.slice(colon + 1).trim();
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) throw new MultipartError('A part of the form does not say which field it is.');
  const name = dispositionParam(disposition, 'name');
  if (name === undefined) throw new MultipartError('A part of the form has no field name.');
  const filename = dispositionParam(disposition, 'filename');
  return filename === undefined ? { name } : { name, filename };
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.concat([CRLF, delimiter]);
  // The first delimiter opens the body, or follows a preamble and a line break.
  let at = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(between);
  if (at < 0) throw new MultipartError('The upload is not the form this page sends.');
  if (at > 0) at += CRLF.length;
  const parts: FormPart[] = [];
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return parts;
    // Transport padding (spaces, tabs) may follow a delimiter before its line break.
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (!body.subarray(at, at + 2).equals(CRLF)) throw new MultipartError('The upload is not the form this page sends.');
    at += CRLF.length;
    if (parts.length === MAX_PARTS) throw new MultipartError(`The form has more than ${MAX_PARTS} parts; this page sends two.`);
    const headersEnd = body.indexOf(HEADERS_END, at);
    if (headersEnd < 0 || headersEnd - at > MAX_HEADER_BYTES) throw new MultipartError('The upload ended early or a part of the form has a damaged header.');
    const headers = readPartHeaders(body.subarray(at, headersEnd).toString('utf8'));
    const dataStart = headersEnd + HEADERS_END.length;
    const next = body.indexOf(between, dataStart);
    if (next < 0) throw new MultipartError('The upload ended early: the file may not have been sent whole. Try again.');
    parts.push({ ...headers, data: body.subarray(dataStart, next) });
    at = next + CRLF.length;
  }
}
