/**
 * What one POST upstream carries. Statements go as stored here, without `stored`
 * (each LRS sets its own). When this hub holds the content of an attachment they
 * name, the batch goes as multipart/mixed (xAPI Communication 1.5.2): the statements
 * first as application/json, then each content once with its Content-Type,
 * Content-Transfer-Encoding: binary and X-Experience-API-Hash. Otherwise it is
 * plain JSON, which every LRS takes. Contents go byte for byte as they came, so a
 * signature part still verifies upstream, and a signed statement goes as signed.
 */
import { SIGNATURE_USAGE } from '../../core/xapi/signedPayload';
import { encodeMultipart } from '../lrs/multipart';
import type { AttachmentContent, Json } from '../lrs/store';
import type { ForwardRow } from './forwardStore';
import type { Body } from './upstreamHttp';

export interface Outgoing {
  readonly row: ForwardRow;
  readonly statement: Json;
  /** The SHA-2 of every attachment it names (a SubStatement's too), spelt as declared. */
  readonly hashes: readonly string[];
  /** The statement's JSON and its attachments' declared lengths, for sizing batches. */
  readonly bytes: number;
}

function declared(statement: Json): Json[] {
  const own = Array.isArray(statement.attachments) ? statement.attachments.filter((a): a is Json => typeof a === 'object' && a !== null) : [];
  const object = statement.object as Json | undefined;
  return object?.objectType === 'SubStatement' ? [...own, ...declared(object)] : own;
}

export function prepare(row: ForwardRow): Outgoing {
  const { stored: _stored, ...statement } = JSON.parse(row.body) as Json;
  const attachments = declared(statement);
  const lengths = attachments.reduce((sum, a) => sum + (typeof a.length === 'number' ? a.length : 0), 0);
  return { row, statement, hashes: attachments.map((a) => String(a.sha2)), bytes: Buffer.byteLength(row.body) + lengths };
}

/** The JWS payload of a signature, or null when it cannot be read (the upstream will say why). */
function signedPayload(jws: Buffer): Json | null {
  try {
    const payload: unknown = JSON.parse(Buffer.from(jws.toString('latin1').split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null ? (payload as Json) : null;
  } catch {
    return null;
  }
}

/**
 * A signed statement as its author sent it: this hub added `timestamp` and `version` when they were
 * missing, and an upstream that compares the statement with what was signed strictly would refuse it.
 */
function asSigned(statement: Json, contents: ReadonlyMap<string, AttachmentContent>): Json {
  const attachments = Array.isArray(statement.attachments) ? (statement.attachments as Json[]) : [];
  const signature = attachments.find((a) => a.usageType === SIGNATURE_USAGE);
  const jws = signature && contents.get(String(signature.sha2).toLowerCase());
  const payload = jws ? signedPayload(jws.content) : null;
  if (!payload) return statement;
  const out = { ...statement };
  for (const added of ['timestamp', 'version'] as const) if (payload[added] === undefined) delete out[added];
  return out;
}

/** The body for a batch; `contents` looks up the attachment contents this hub holds. */
export async function outgoingBody(batch: readonly Outgoing[], contents: (sha2s: readonly string[]) => Promise<AttachmentContent[]>): Promise<Body> {
  // Stored under lower-case hex; sent under the spelling the statement declared, for an LRS that compares as written.
  const spelling = new Map<string, string>();
  for (const hash of batch.flatMap((o) => o.hashes)) if (!spelling.has(hash.toLowerCase())) spelling.set(hash.toLowerCase(), hash);
  const found = spelling.size === 0 ? [] : await contents([...spelling.keys()]);
  const byHash = new Map(found.map((a) => [a.sha2, a]));
  const json = Buffer.from(JSON.stringify(batch.map((o) => asSigned(o.statement, byHash))));
  if (found.length === 0) return { bytes: json, contentType: 'application/json' };
  return toMultipart(json, found.map((a) => ({ ...a, sha2: spelling.get(a.sha2) ?? a.sha2 })));
}

function toMultipart(json: Buffer, found: readonly AttachmentContent[]): Body {
  const { body, contentType } = encodeMultipart([
    { headers: { 'Content-Type': 'application/json' }, body: json },
    ...found.map((a) => ({ headers: { 'Content-Type': a.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': a.sha2 }, body: a.content })),
  ]);
  return { bytes: body, contentType };
}
