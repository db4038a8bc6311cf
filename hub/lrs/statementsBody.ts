/**
 * The body of a statements PUT or POST: JSON, or multipart/mixed with the
 * statements first and one part per attachment payload (xAPI Communication
 * 1.5.2). Parts are matched to attachments by their SHA-2 alone.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError, readBody, readJson } from './httpIo';
import { multipartBoundary, parseMediaType, parseMultipart } from './multipart';
import type { Json } from './store';

export interface AttachmentPart {
  /** Lower-case hex, as sent in X-Experience-API-Hash and checked against the content. */
  readonly sha2: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface StatementsBody {
  readonly json: unknown;
  /** The attachment parts by sha2 (a payload sent twice is kept once). */
  readonly parts: ReadonlyMap<string, AttachmentPart>;
}

// The SHA-2 function a hex digest of this length comes from.
const SHA2_BY_LENGTH: Readonly<Record<number, string>> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

function attachmentPart(headers: ReadonlyMap<string, string>, content: Buffer, index: number): AttachmentPart {
  const where = `Part ${index + 1} of the multipart body`;
  if (headers.get('content-transfer-encoding')?.toLowerCase() !== 'binary') throw new HttpError(400, `${where} needs Content-Transfer-Encoding: binary`);
  const hash = headers.get('x-experience-api-hash')?.toLowerCase() ?? '';
  const algorithm = /^[0-9a-f]+$/.test(hash) ? SHA2_BY_LENGTH[hash.length] : undefined;
  if (algorithm === undefined) throw new HttpError(400, `${where} needs an X-Experience-API-Hash header with the SHA-2 (hex) of its content`);
  if (createHash(algorithm).update(content).digest('hex') !== hash) throw new HttpError(400, `${where}: X-Experience-API-Hash does not match its content; the part may have been altered or cut short`);
  const contentType = headers.get('content-type');
  if (!contentType) throw new HttpError(400, `${where} needs a Content-Type header`);
  return { sha2: hash, contentType, content };
}

/** Reads a statements body, within the body limit and inflating a compressed one; 400 for a malformed multipart body. */
export async function readStatementsBody(req: IncomingMessage): Promise<StatementsBody> {
  const contentType = String(req.headers['content-type'] ?? '');
  if (parseMediaType(contentType).type !== 'multipart/mixed') return { json: await readJson(req), parts: new Map() };
  const boundary = multipartBoundary(contentType);
  const [first, ...rest] = parseMultipart(await readBody(req), boundary);
  if (!first) throw new HttpError(400, 'The multipart body has no parts; the first must hold the statements');
  if (parseMediaType(first.headers.get('content-type') ?? '').type !== 'application/json') throw new HttpError(400, 'The first part of a multipart body must be the statements, with Content-Type: application/json');
  let json: unknown;
  try {
    json = JSON.parse(first.body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The first part of the multipart body is not valid JSON');
  }
  const parts = new Map<string, AttachmentPart>();
  rest.forEach((p, i) => {
    const part = attachmentPart(p.headers, p.body, i + 1);
    parts.set(part.sha2, part);
  });
  return { json, parts };
}

function declaredAttachments(statement: Json): Json[] {
  const own = Array.isArray(statement.attachments) ? (statement.attachments as Json[]) : [];
  const object = statement.object as Json | undefined;
  return object?.objectType === 'SubStatement' ? [...own, ...declaredAttachments(object)] : own;
}

/**
 * xAPI Communication 1.5.2: an attachment without a fileUrl must come as a part,
 * and every part must be an attachment of one of the statements.
 */
export function checkAttachmentParts(statements: readonly Json[], parts: ReadonlyMap<string, AttachmentPart>, path: (i: number) => string): void {
  const declared = new Set<string>();
  statements.forEach((statement, i) => {
    declaredAttachments(statement).forEach((a, j) => {
      const sha2 = String(a.sha2).toLowerCase();
      declared.add(sha2);
      if (a.fileUrl === undefined && !parts.has(sha2)) {
        throw new HttpError(400, `${path(i)}.attachments[${j}] has no fileUrl, so its content must be sent as a multipart/mixed part with X-Experience-API-Hash ${sha2}`);
      }
    });
  });
  for (const sha2 of parts.keys()) {
    if (!declared.has(sha2)) throw new HttpError(400, `The multipart part with X-Experience-API-Hash ${sha2} belongs to no attachment of these statements`);
  }
}
