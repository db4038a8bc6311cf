/**
 * Answers to GET /xapi/statements?attachments=true (xAPI Communication 2.1.3):
 * multipart/mixed, the statements first, then each stored payload they name once.
 */
import type { ServerResponse } from 'node:http';
import { HttpError, send, type SendOptions } from './httpIo';
import { encodeMultipart } from './multipart';
import type { AttachmentRepository, Json } from './store';

/** The attachments parameter: false when absent. */
export function wantsAttachments(params: URLSearchParams): boolean {
  const value = params.get('attachments');
  if (value !== null && value !== 'true' && value !== 'false') throw new HttpError(400, 'attachments must be true or false');
  return value === 'true';
}

/** The SHA-2 (lower case) of every attachment a statement names, a SubStatement's included. */
export function namedHashes(statement: Json): string[] {
  const own = Array.isArray(statement.attachments) ? (statement.attachments as Json[]).map((a) => String(a.sha2).toLowerCase()) : [];
  const object = statement.object as Json | undefined;
  return object?.objectType === 'SubStatement' ? [...own, ...namedHashes(object)] : own;
}

/** Sends `body` (a statement or a StatementResult) as JSON, or as multipart/mixed with the payloads of `statements`. */
export async function sendStatements(res: ServerResponse, body: unknown, statements: readonly Json[], attachments: AttachmentRepository | null, options: SendOptions): Promise<void> {
  if (attachments === null) return send(res, 200, body, options);
  const stored = await attachments.get(statements.flatMap(namedHashes));
  const { body: multipart, contentType } = encodeMultipart([
    { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(body)) },
    ...stored.map((a) => ({ headers: { 'Content-Type': a.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': a.sha2 }, body: a.content })),
  ]);
  return send(res, 200, multipart, { ...options, headers: { ...options.headers, 'Content-Type': contentType } });
}
