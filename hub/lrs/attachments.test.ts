/** Statements with attachments (multipart/mixed) over real HTTP, on each engine: what is stored, what comes back, and what is refused. */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { MAX_BODY } from './httpIo';
import { attachmentOf, BOUNDARY, filePart, multipartBody, sha256, statementWith, type Json } from './attachmentFixture';
import { rawRequest, replyJson, type RawReply } from './rawHttp';

/** Splits a multipart answer without the hub's own parser: [headers block, body] per part. */
function splitAnswer(reply: RawReply): { head: string; body: Buffer }[] {
  const type = String(reply.headers['content-type']);
  const boundary = /boundary=([^;]+)/.exec(type)?.[1] ?? '';
  const text = reply.body.toString('latin1');
  const sections = text.split(`--${boundary}`);
  expect(sections.at(-1)).toBe('--\r\n');
  return sections.slice(1, -1).map((s) => {
    const end = s.indexOf('\r\n\r\n');
    return { head: s.slice(2, end), body: Buffer.from(s.slice(end + 4, -2), 'latin1') };
  });
}

describeEachEngine('statements with attachments (multipart/mixed)', (engine) => {
  let running: RunningHub;

  beforeAll(async () => {
    running = await startHub(engine);
  });

  afterAll(async () => {
    await running.stop();
  });

  const post = (body: Buffer, type = `multipart/mixed; boundary=${BOUNDARY}`, headers: Record<string, string> = {}): Promise<RawReply> =>
    rawRequest(`${running.base}/xapi/statements`, 'POST', body, { 'X-Experience-API-Version': '2.0.0', 'Content-Type': type, ...headers });
  const get = (query: string): Promise<RawReply> => rawRequest(`${running.base}/xapi/statements?${query}`, 'GET', undefined, { 'X-Experience-API-Version': '2.0.0' });
  const isStored = async (id: string): Promise<boolean> => (await get(`statementId=${id}`)).status === 200;

  describe('accepted', () => {
    it('stores a statement sent as multipart/mixed without attachments', async () => {
      const s = statementWith([]);
      delete s.attachments;
      const reply = await post(multipartBody(s, []));
      expect(reply.status).toBe(200);
      expect(replyJson(reply)).toEqual([s.id]);
    });

    it('stores the payload and returns it with attachments=true, by id and in a query', async () => {
      const content = 'evidence of learning\r\n--not-the-boundary\r\n';
      const s = statementWith([attachmentOf(content)]);
      expect((await post(multipartBody(s, [filePart(content)]))).status).toBe(200);

      const one = await get(`statementId=${String(s.id)}&attachments=true`);
      expect(one.status).toBe(200);
      expect(String(one.headers['content-type'])).toMatch(/^multipart\/mixed; boundary=/);
      const [json, payload, ...more] = splitAnswer(one);
      expect(more).toEqual([]);
      expect(json?.head).toMatch(/^Content-Type: application\/json/);
      expect((JSON.parse(json?.body.toString('utf8') ?? '') as Json).id).toBe(s.id);
      expect(payload?.head).toContain('Content-Transfer-Encoding: binary');
      expect(payload?.head).toContain(`X-Experience-API-Hash: ${sha256(content)}`);
      expect(payload?.body.toString('latin1')).toBe(content);

      const page = splitAnswer(await get('attachments=true&limit=0'));
      expect(page.filter((p) => p.body.toString('latin1') === content)).toHaveLength(1);

      const plain = await get(`statementId=${String(s.id)}&attachments=false`);
      expect(String(plain.headers['content-type'])).toMatch(/^application\/json/);
    });

    it('keeps binary content byte for byte and stores content two statements share once', async () => {
      const content = Buffer.from([0, 255, 13, 10, 45, 45, 0, 128, 13, 10, 13, 10]);
      const a = statementWith([attachmentOf(content, { contentType: 'application/octet-stream' })]);
      const b = statementWith([attachmentOf(content, { contentType: 'application/octet-stream' })]);
      const part = filePart(content, { 'Content-Type': 'application/octet-stream' });
      // The same payload twice in one request is one payload.
      expect((await post(multipartBody([a, b], [part, part]))).status).toBe(200);
      const stored = await running.hub.storage.attachments.get([sha256(content), sha256(content)]);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.content.equals(content)).toBe(true);
      const [, payload] = splitAnswer(await get(`statementId=${String(b.id)}&attachments=true`));
      expect(payload?.body.equals(content)).toBe(true);
    });

    it('accepts a fileUrl attachment with no part, in JSON or multipart, and a gzipped multipart body', async () => {
      const s = statementWith([attachmentOf('elsewhere', { fileUrl: 'https://example.org/file.txt' })]);
      expect((await post(Buffer.from(JSON.stringify(s)), 'application/json')).status).toBe(200);
      const t = statementWith([attachmentOf('zipped')]);
      expect((await post(gzipSync(multipartBody(t, [filePart('zipped')])), `multipart/mixed; boundary="${BOUNDARY}"`, { 'Content-Encoding': 'gzip' })).status).toBe(200);
    });

    it('accepts a preamble, transport padding and a part of its statement by PUT', async () => {
      const s = statementWith([attachmentOf('put content')]);
      const padded = multipartBody(s, [filePart('put content')]).toString('latin1').replace(`--${BOUNDARY}\r\n`, `--${BOUNDARY} \t\r\n`);
      const body = Buffer.from(`a preamble to ignore\r\n${padded}`, 'latin1');
      const reply = await rawRequest(`${running.base}/xapi/statements?statementId=${String(s.id)}`, 'PUT', body, { 'X-Experience-API-Version': '2.0.0', 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` });
      expect(reply.status).toBe(204);
      expect(await isStored(String(s.id))).toBe(true);
    });
  });

  it('keeps attachments=true in the more link, so every page brings its payloads', async () => {
    const content = 'paged payload';
    const s = statementWith([attachmentOf(content)]);
    expect((await post(multipartBody(s, [filePart(content)]))).status).toBe(200);
    expect((await post(Buffer.from(JSON.stringify(statementWith([]))), 'application/json')).status).toBe(200);
    // Newest first: the plain statement is page one, the one with the payload page two.
    const [first] = splitAnswer(await get('attachments=true&limit=1'));
    const more = (JSON.parse(first?.body.toString('utf8') ?? '') as Json).more;
    expect(more).toMatch(/&attachments=true$/);
    const next = await rawRequest(`${running.base}${String(more)}`, 'GET', undefined, { 'X-Experience-API-Version': '2.0.0' });
    const [page, payload] = splitAnswer(next);
    expect(((JSON.parse(page?.body.toString('utf8') ?? '') as Json).statements as Json[])[0]?.id).toBe(s.id);
    expect(payload?.body.toString('latin1')).toBe(content);
  });

  describe('refused with 400, nothing stored', () => {
    const cases: [string, RegExp, () => { statement: Json; body: Buffer; type?: string }][] = [
      ['a declared attachment without fileUrl has no part', /no fileUrl/, () => { const s = statementWith([attachmentOf('missing')]); return { statement: s, body: multipartBody(s, []) }; }],
      ['the same, sent as application/json', /no fileUrl/, () => { const s = statementWith([attachmentOf('missing')]); return { statement: s, body: Buffer.from(JSON.stringify(s)), type: 'application/json' }; }],
      ['a part matches no attachment', /belongs to no attachment/, () => { const s = statementWith([attachmentOf('one')]); return { statement: s, body: multipartBody(s, [filePart('one'), filePart('extra')]) }; }],
      ['a hash does not match the content', /does not match its content/, () => { const s = statementWith([attachmentOf('right')]); return { statement: s, body: multipartBody(s, [filePart('wrong', { 'X-Experience-API-Hash': sha256('right') })]) }; }],
      ['a hash that is not a SHA-2 hex digest', /needs an X-Experience-API-Hash/, () => { const s = statementWith([attachmentOf('x')]); return { statement: s, body: multipartBody(s, [filePart('x', { 'X-Experience-API-Hash': 'zz' })]) }; }],
      ['a part without Content-Transfer-Encoding: binary', /Content-Transfer-Encoding: binary/, () => { const s = statementWith([attachmentOf('b64')]); return { statement: s, body: multipartBody(s, [filePart('b64', { 'Content-Transfer-Encoding': 'base64' })]) }; }],
      ['a part without X-Experience-API-Hash', /needs an X-Experience-API-Hash/, () => { const s = statementWith([attachmentOf('nohash')]); const p = filePart('nohash'); const { 'X-Experience-API-Hash': _h, ...headers } = p.headers; return { statement: s, body: multipartBody(s, [{ headers, body: p.body }]) }; }],
      ['the Content-Type boundary is not the one in the body', /does not contain its boundary/, () => { const s = statementWith([]); return { statement: s, body: multipartBody(s, [], 'other-boundary') }; }],
      ['the boundary has characters RFC 2046 does not allow', /boundary parameter/, () => { const s = statementWith([]); return { statement: s, body: multipartBody(s, [], 'bad{boundary}'), type: 'multipart/mixed; boundary=bad{boundary}' }; }],
      ['no boundary parameter', /boundary parameter/, () => { const s = statementWith([]); return { statement: s, body: multipartBody(s, []), type: 'multipart/mixed' }; }],
      ['the body is cut short before its closing boundary', /cut short/, () => { const s = statementWith([attachmentOf('cut')]); const full = multipartBody(s, [filePart('cut')]); return { statement: s, body: full.subarray(0, full.length - 10) }; }],
      ['the first part is not JSON', /first part of a multipart body must be/, () => { const s = statementWith([]); return { statement: s, body: Buffer.from(multipartBody(s, []).toString('latin1').replace('application/json', 'text/plain'), 'latin1') }; }],
      ['the first part is damaged JSON', /not valid JSON/, () => { const s = statementWith([]); return { statement: s, body: Buffer.from(multipartBody(s, []).toString('latin1').replace('"actor"', '"actor'), 'latin1') }; }],
      ['a part has a header line without a colon', /header line without a name/, () => { const s = statementWith([attachmentOf('h')]); return { statement: s, body: Buffer.from(multipartBody(s, [filePart('h')]).toString('latin1').replace('Content-Transfer-Encoding: binary', 'Content-Transfer-Encoding binary'), 'latin1') }; }],
      ['multipart/form-data instead of multipart/mixed', /Content-Type must be application.json/, () => { const s = statementWith([]); return { statement: s, body: multipartBody(s, []), type: `multipart/form-data; boundary=${BOUNDARY}` }; }],
    ];
    it.each(cases)('%s', async (_name, reason, make) => {
      const { statement, body, type } = make();
      const reply = await post(body, type);
      expect(reply.status).toBe(400);
      expect((replyJson(reply) as Json).error).toMatch(reason);
      expect(await isStored(String(statement.id))).toBe(false);
    });

    it('refuses a part with an empty header name', async () => {
      const s = statementWith([attachmentOf('h')]);
      const body = Buffer.from(multipartBody(s, [filePart('h')]).toString('latin1').replace('Content-Transfer-Encoding: binary', ': binary'), 'latin1');
      expect((await post(body)).status).toBe(400);
    });

    it('refuses an unknown attachments parameter value', async () => {
      expect((await get('attachments=yes')).status).toBe(400);
    });
  });

  it('answers 413 to a part past the body limit, counted over all parts', async () => {
    const big = Buffer.alloc(MAX_BODY / 2 + 1, 0x61);
    const s = statementWith([attachmentOf(big), attachmentOf(Buffer.concat([big, Buffer.from('b')]))]);
    const reply = await post(multipartBody(s, [filePart(big), filePart(Buffer.concat([big, Buffer.from('b')]))]));
    expect(reply.status).toBe(413);
    expect(await isStored(String(s.id))).toBe(false);
  });
});
