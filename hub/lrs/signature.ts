/**
 * Signed statements (xAPI Data 2.6): a signature attachment must be a JWS
 * (RFC 7515, compact form) using RS256, RS384 or RS512 whose payload is the
 * statement. The spec leaves trusting the signer to the reader, so the hub
 * verifies the signature only when the JWS carries its certificate (x5c).
 */
import { createVerify, X509Certificate } from 'node:crypto';
import { matchesSignedPayload, SIGNATURE_USAGE } from '../../core/xapi/signedPayload';
import { HttpError } from './httpIo';
import type { AttachmentPart } from './statementsBody';
import type { Json } from './store';

const ALGORITHMS: Readonly<Record<string, string>> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Throws 400 unless `jws` is a well-formed RS256/384/512 JWS of `statement`, verified when it names its certificate. */
export function checkSignature(statement: Json, jws: Buffer, where: string): void {
  const refuse = (why: string): never => {
    throw new HttpError(400, `${where}: the signature ${why}`);
  };
  const segments = jws.toString('latin1').trim().split('.');
  if (segments.length !== 3 || !segments.every((s) => s.length > 0 && BASE64URL.test(s))) return refuse('is not a JWS in compact form (three base64url parts)');
  const [head = '', body = '', signature = ''] = segments;
  const header = decodeJson(head);
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return refuse('has a JWS header that is not a JSON object');
  const alg = (header as Json).alg;
  const digest = typeof alg === 'string' ? ALGORITHMS[alg] : undefined;
  if (digest === undefined) return refuse(`uses algorithm ${JSON.stringify(alg)}; use RS256, RS384 or RS512`);
  const payload = decodeJson(body);
  if (payload === undefined) return refuse('payload is not valid JSON');
  if (!matchesSignedPayload(statement, payload)) return refuse('payload is not this statement; sign the statement as it is sent, without its signature attachment');
  const x5c = (header as Json).x5c;
  if (x5c === undefined) return;
  if (!Array.isArray(x5c) || typeof x5c[0] !== 'string') return refuse('has an x5c header that is not a list of certificates');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(x5c[0], 'base64'));
  } catch {
    return refuse('names a certificate (x5c) that cannot be read');
  }
  if (certificate.publicKey.asymmetricKeyType !== 'rsa') return refuse('names a certificate (x5c) without an RSA key');
  const verified = createVerify(digest).update(`${head}.${body}`).verify(certificate.publicKey, Buffer.from(signature, 'base64url'));
  if (!verified) refuse('does not verify with the key of the certificate it names (x5c)');
}

/** Checks every signature attachment of each statement against the part carrying it. */
export function checkSignatures(statements: readonly Json[], parts: ReadonlyMap<string, AttachmentPart>, path: (i: number) => string): void {
  statements.forEach((statement, i) => {
    const attachments = Array.isArray(statement.attachments) ? (statement.attachments as Json[]) : [];
    attachments.forEach((a, j) => {
      if (a.usageType !== SIGNATURE_USAGE) return;
      const where = `${path(i)}.attachments[${j}]`;
      if (String(a.contentType).split(';')[0]?.trim().toLowerCase() !== 'application/octet-stream') throw new HttpError(400, `${where}: a signature attachment must have contentType application/octet-stream`);
      const part = parts.get(String(a.sha2).toLowerCase());
      if (!part) throw new HttpError(400, `${where}: a signature must be sent as a part of a multipart/mixed request`);
      checkSignature(statement, part.content, where);
    });
  });
}
