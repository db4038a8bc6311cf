/** Statements with attachments and multipart/mixed bodies written out by hand, for the hub's tests. */
import { createHash } from 'node:crypto';

export type Json = Record<string, unknown>;

let n = 0;
export const uuid = (): string => `30000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
export const BOUNDARY = 'xapi-test-boundary';
const USAGE = 'http://example.org/usage/evidence';

export const statementWith = (attachments: Json[]): Json => ({
  id: uuid(),
  actor: { objectType: 'Agent', mbox: 'mailto:learner@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
  object: { id: 'http://example.org/activity' },
  attachments,
});

export const attachmentOf = (content: Buffer | string, extra: Json = {}): Json => ({
  usageType: USAGE,
  display: { 'en-US': 'Evidence' },
  contentType: 'text/plain',
  length: Buffer.byteLength(content),
  sha2: sha256(content),
  ...extra,
});

export interface Part {
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
}

export const filePart = (content: Buffer | string, headers: Record<string, string> = {}): Part => ({
  headers: { 'Content-Type': 'text/plain', 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': sha256(content), ...headers },
  body: content,
});

/** A multipart/mixed body written out by hand, as the conformance suite does. */
export function multipartBody(json: unknown, parts: readonly Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`)];
  for (const p of parts) {
    const head = Object.entries(p.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`), Buffer.from(p.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
