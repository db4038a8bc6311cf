/** Statements with attachments and signed statements, forwarded between two real hubs on 127.0.0.1, on each storage engine. */
import { createSign, X509Certificate } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { attachmentOf, BOUNDARY, filePart, multipartBody, sha256, statementWith, type Json, type Part } from '../lrs/attachmentFixture';
import { multipartBoundary, parseMultipart, type MimePart } from '../lrs/multipart';
import { rawRequest } from '../lrs/rawHttp';
import { TEST_SIGNER_CERT, TEST_SIGNER_KEY } from '../lrs/signatureFixture';
import { describeEachEngine, type RunningHub } from '../testing/engines';
import type { ProxiedRequest } from '../testing/faultyProxy';
import { startPair, type Pair } from './forwardFixture';

const VERSION = { 'X-Experience-API-Version': '2.0.0' };
const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
const BINARY = Buffer.from([0, 255, 13, 10, 45, 45, 0, 128, 13, 10, 13, 10]);

/** POSTs statements with their parts to a hub, as a device would. */
async function postTo(hub: RunningHub, statements: readonly Json[], parts: readonly Part[]): Promise<void> {
  const reply = await rawRequest(`${hub.base}/xapi/statements`, 'POST', multipartBody(statements, parts), { ...VERSION, 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` });
  expect(reply.status).toBe(200);
}

/** The parts of a multipart answer, or of a request the proxy saw (gzipped or not). */
function partsOf(contentType: unknown, body: Buffer, encoding?: unknown): MimePart[] {
  return parseMultipart(encoding === 'gzip' ? gunzipSync(body) : body, multipartBoundary(String(contentType)));
}

const partsOfPost = (post: ProxiedRequest | undefined): MimePart[] => partsOf(post?.headers['content-type'], post?.body ?? Buffer.alloc(0), post?.headers['content-encoding']);

/** What the upstream serves for one statement with attachments=true: the statement and each content by its hash. */
async function served(hub: RunningHub, id: unknown): Promise<{ statement: Json; contents: Map<string, Buffer> }> {
  const reply = await rawRequest(`${hub.base}/xapi/statements?statementId=${String(id)}&attachments=true`, 'GET', undefined, VERSION);
  expect(reply.status).toBe(200);
  const [json, ...rest] = partsOf(reply.headers['content-type'], reply.body);
  return { statement: JSON.parse(json?.body.toString('utf8') ?? '') as Json, contents: new Map(rest.map((p) => [p.headers.get('x-experience-api-hash') ?? '', p.body])) };
}

/** A compact RS256 JWS of `statement`, with the signer's certificate so the upstream verifies it. */
function jws(statement: Json): string {
  const b64url = (text: string): string => Buffer.from(text).toString('base64url');
  const input = `${b64url(JSON.stringify({ alg: 'RS256', x5c: [new X509Certificate(TEST_SIGNER_CERT).raw.toString('base64')] }))}.${b64url(JSON.stringify(statement))}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(TEST_SIGNER_KEY).toString('base64url')}`;
}

describeEachEngine('forwarding statements with attachments', (engine) => {
  let pair: Pair;

  beforeEach(async () => {
    pair = await startPair(engine);
  });

  afterEach(async () => {
    await pair.stop();
  });

  it('sends contents as multipart/mixed parts, each once, and the upstream serves them byte for byte', async () => {
    const text = 'evidence of learning\r\n--not-the-boundary\r\n';
    const withText = statementWith([attachmentOf(text)]);
    const withBinary = statementWith([attachmentOf(BINARY, { contentType: 'application/octet-stream' })]);
    const sharing = statementWith([attachmentOf(text, { sha2: sha256(text).toUpperCase() })]);
    const elsewhere = statementWith([attachmentOf('not here', { fileUrl: 'https://example.org/file.txt' })]);
    await postTo(pair.downstream, [withText, withBinary, sharing, elsewhere], [filePart(text), filePart(BINARY, { 'Content-Type': 'application/octet-stream' })]);

    expect(await pair.round()).toEqual({ sent: 4, held: [], waiting: 0 });
    expect(pair.proxy.posts).toHaveLength(1);
    const [json, ...parts] = partsOfPost(pair.proxy.posts[0]);
    expect(json?.headers.get('content-type')).toBe('application/json');
    expect((JSON.parse(json?.body.toString('utf8') ?? '') as Json[]).map((s) => s.id)).toEqual([withText.id, withBinary.id, sharing.id, elsewhere.id]);
    expect(parts.map((p) => [p.headers.get('content-type'), p.headers.get('content-transfer-encoding'), p.headers.get('x-experience-api-hash')])).toEqual([
      ['text/plain', 'binary', sha256(text)],
      ['application/octet-stream', 'binary', sha256(BINARY)],
    ]);

    expect((await served(pair.upstream, withText.id)).contents.get(sha256(text))?.toString('latin1')).toBe(text);
    expect((await served(pair.upstream, withBinary.id)).contents.get(sha256(BINARY))?.equals(BINARY)).toBe(true);
    expect((await served(pair.upstream, sharing.id)).contents.get(sha256(text))?.toString('latin1')).toBe(text);
    expect((await served(pair.upstream, elsewhere.id)).contents.size).toBe(0);
    // An unsigned statement keeps the timestamp this hub gave it: when it was collected, not when forwarded.
    expect((await served(pair.upstream, withText.id)).statement.timestamp).toBe((await served(pair.downstream, withText.id)).statement.timestamp);
  });

  it('sends plain JSON when no content is held here (fileUrl attachments, no attachments)', async () => {
    const elsewhere = statementWith([attachmentOf('not here', { fileUrl: 'https://example.org/file.txt' })]);
    const reply = await rawRequest(`${pair.downstream.base}/xapi/statements`, 'POST', JSON.stringify([elsewhere]), { ...VERSION, 'Content-Type': 'application/json' });
    expect(reply.status).toBe(200);
    expect(await pair.round()).toEqual({ sent: 1, held: [], waiting: 0 });
    expect(pair.proxy.posts[0]?.headers['content-type']).toBe('application/json');
    expect(pair.proxy.postedIds).toEqual([elsewhere.id]);
  });

  it('forwards a signed statement with its signature part unchanged, and the upstream verifies it', async () => {
    const plain = statementWith([attachmentOf('evidence')]);
    const signature = jws(plain);
    const signed: Json = { ...plain, attachments: [...(plain.attachments as Json[]), attachmentOf(signature, { usageType: SIGNATURE, contentType: 'application/octet-stream' })] };
    await postTo(pair.downstream, [signed], [filePart('evidence'), filePart(signature, { 'Content-Type': 'application/octet-stream' })]);

    expect(await pair.round()).toEqual({ sent: 1, held: [], waiting: 0 });
    // This hub gave the statement a timestamp and a version; it goes as signed, without them.
    const [json] = partsOfPost(pair.proxy.posts[0]);
    const posted = (JSON.parse(json?.body.toString('utf8') ?? '') as Json[])[0] ?? {};
    expect([posted.timestamp, posted.version]).toEqual([undefined, undefined]);
    expect((await served(pair.downstream, signed.id)).statement.timestamp).toBeDefined();
    const upstream = await served(pair.upstream, signed.id);
    expect(upstream.contents.get(sha256(signature))?.toString('latin1')).toBe(signature);
    expect(upstream.contents.get(sha256('evidence'))?.toString('latin1')).toBe('evidence');
    expect(upstream.statement.attachments).toEqual(signed.attachments);
  });

  it('isolates a refused statement in a batch with attachments, and the rest arrive with their contents', async () => {
    const list = ['one', 'two', 'three', 'four'].map((content) => ({ content, statement: statementWith([attachmentOf(content)]) }));
    await postTo(pair.downstream, list.map((l) => l.statement), list.map((l) => filePart(l.content)));
    const refused = String(list[2]?.statement.id);
    pair.proxy.rule = (req) => (req.method === 'POST' && partsOfPost(req)[0]?.body.toString('utf8').includes(refused) ? { kind: 'answer', status: 400, body: '{"error":"not here"}' } : null);

    const result = await pair.round();
    expect(result).toMatchObject({ sent: 3, waiting: 0 });
    expect(result.held.map((h) => h.id)).toEqual([refused]);
    for (const { content, statement } of list.filter((l) => l.statement.id !== refused)) {
      expect((await served(pair.upstream, statement.id)).contents.get(sha256(content))?.toString('latin1')).toBe(content);
    }
    // Every POST carried the contents of exactly the statements in it.
    for (const post of pair.proxy.posts) {
      const [json, ...parts] = partsOfPost(post);
      const sent = (JSON.parse(json?.body.toString('utf8') ?? '') as Json[]).map((s) => String(s.id));
      expect(parts.map((p) => p.body.toString('latin1'))).toEqual(list.filter((l) => sent.includes(String(l.statement.id))).map((l) => l.content));
    }
  });
});
