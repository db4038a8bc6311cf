/**
 * Reads a `multipart/form-data` body (RFC 7578), which is how a browser's plain
 * HTML form sends a file. The body is already in memory and size-limited;
 * multipartScan.ts finds the parts, and this refuses whatever is not a well-formed form.
 */
import { scanParts, VALID_BOUNDARY, type ScanProblem } from '../lrs/multipartScan';

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

/** The boundary of a multipart/form-data Content-Type, or null when the type is anything else. */
export function formBoundary(contentType: string | undefined): string | null {
  const match = /^\s*multipart\/form-data\s*;(.*)$/is.exec(contentType ?? '');
  if (!match?.[1]) return null;
  const param = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(match[1]);
  const boundary = param?.[1] ?? param?.[2] ?? '';
  return VALID_BOUNDARY.test(boundary) ? boundary : null;
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

const REFUSALS: Readonly<Record<ScanProblem, string>> = {
  'no-boundary': 'The upload is not the form this page sends.',
  'not-a-delimiter-line': 'The upload is not the form this page sends.',
  unterminated: 'The upload ended early: the file may not have been sent whole. Try again.',
  'too-many-parts': `The form has more than ${MAX_PARTS} parts; this page sends two.`,
  'headers-unended': 'The upload ended early or a part of the form has a damaged header.',
};

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const parts = scanParts(body, boundary, { maxParts: MAX_PARTS, maxHeaderBytes: MAX_HEADER_BYTES }, (problem) => {
    throw new MultipartError(REFUSALS[problem]);
  });
  return parts.map((p) => ({ ...readPartHeaders(p.head.toString('utf8')), data: p.body }));
}
