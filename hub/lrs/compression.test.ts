/** Compressed requests and replies over raw HTTP, hostile ones included: bad data, bombs, unknown codings. */
import { once } from 'node:events';
import { createGzip, deflateRawSync, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionRead, type EventEnvelope } from '../../core/xapi/statement';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { acceptsGzip, contentCoding } from './compression';
import { MAX_BODY } from './httpIo';
import { rawRequest, replyJson, type RawReply } from './rawHttp';

const VERSION = { 'X-Experience-API-Version': '2.0.0' };
const JSON_TYPE = { 'Content-Type': 'application/json' };

let n = 0;
function statement(who = 'ZIP'): Record<string, unknown> {
  n++;
  const env: EventEnvelope = { id: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`, timestamp: '2026-11-27T08:00:00.000Z', learner: { id: who, name: who }, language: 'en' };
  return { ...sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: `s${n}` }) };
}

/** gzip of `size` zero bytes, made in chunks so the test never holds the inflated size itself. */
async function gzipOfZeros(size: number): Promise<Buffer> {
  const gz = createGzip();
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const chunk = Buffer.alloc(1024 * 1024);
  for (let left = size; left > 0; left -= chunk.length) {
    if (!gz.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await once(gz, 'drain');
  }
  gz.end();
  await once(gz, 'end');
  return Buffer.concat(out);
}

describe('the coding headers', () => {
  it('reads Content-Encoding: one known coding or none; anything else is unsupported', () => {
    expect(contentCoding(undefined)).toBe('identity');
    expect(contentCoding('identity')).toBe('identity');
    expect(contentCoding('GZIP')).toBe('gzip');
    expect(contentCoding('x-gzip')).toBe('gzip');
    expect(contentCoding('deflate')).toBe('deflate');
    for (const bad of ['br', 'compress', 'gzip, gzip', 'gzip, deflate', 'zstd']) expect(() => contentCoding(bad)).toThrow(/not supported/);
  });

  it('reads Accept-Encoding with its qualities', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('*, gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

/** Made once for both engines: 256 MiB of zeros in about 256 KiB. */
let bomb: Buffer | undefined;

describeEachEngine('compressed bodies', (engine) => {
  let running: RunningHub;

  beforeAll(async () => {
    running = await startHub(engine);
  });

  afterAll(async () => {
    await running.stop();
  });

  const post = (body: Buffer, headers: Record<string, string>): Promise<RawReply> =>
    rawRequest(`${running.base}/xapi/statements`, 'POST', body, { ...VERSION, ...JSON_TYPE, ...headers });
  const get = (path: string, headers: Record<string, string> = {}): Promise<RawReply> => rawRequest(`${running.base}${path}`, 'GET', undefined, { ...VERSION, ...headers });
  const stored = async (id: unknown): Promise<number> => (await get(`/xapi/statements?statementId=${String(id)}`)).status;

  it('stores statements sent gzip-, zlib- or raw-deflate-encoded', async () => {
    const cases: [string, (b: Buffer) => Buffer][] = [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['deflate', deflateRawSync],
    ];
    for (const [coding, compress] of cases) {
      const list = [statement(), statement()];
      const reply = await post(compress(Buffer.from(JSON.stringify(list))), { 'Content-Encoding': coding });
      expect(reply.status, coding).toBe(200);
      expect(replyJson(reply)).toEqual(list.map((s) => s.id));
      expect(await stored(list[1]?.id)).toBe(200);
    }
  });

  it('applies the size limit to the inflated body', async () => {
    const one = statement();
    const text = JSON.stringify([one]);
    const justUnder = Buffer.from(text + ' '.repeat(MAX_BODY - text.length));
    expect((await post(gzipSync(justUnder), { 'Content-Encoding': 'gzip' })).status).toBe(200);
    const over = statement();
    const big = Buffer.from(JSON.stringify([over]) + ' '.repeat(MAX_BODY));
    const compressed = gzipSync(big);
    expect(compressed.length).toBeLessThan(MAX_BODY / 100);
    const reply = await post(compressed, { 'Content-Encoding': 'gzip' });
    expect(reply.status).toBe(413);
    expect(await stored(over.id)).toBe(404);
  });

  it('stops inflating a gzip bomb at the limit and answers 413, staying up', async () => {
    bomb ??= await gzipOfZeros(256 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(512 * 1024);
    for (const coding of ['gzip', 'x-gzip']) {
      const reply = await post(bomb, { 'Content-Encoding': coding });
      expect(reply.status).toBe(413);
      expect((replyJson(reply) as { error: string }).error).toMatch(/inflates to more than/);
    }
    expect((await get('/xapi/statements?limit=1')).status).toBe(200);
  });

  it('refuses damaged compressed data with 400, storing nothing', async () => {
    const s = statement();
    const good = gzipSync(Buffer.from(JSON.stringify([s])));
    const damaged: [string, Buffer, string][] = [
      ['not gzip at all', Buffer.from(JSON.stringify([s])), 'gzip'],
      ['cut short', good.subarray(0, good.length - 10), 'gzip'],
      ['a flipped byte', Buffer.from(good.map((b, i) => (i === 20 ? b ^ 0xff : b))), 'gzip'],
      ['not deflate', Buffer.from('\u00ff\u00fe garbage'), 'deflate'],
    ];
    for (const [name, body, coding] of damaged) {
      const reply = await post(body, { 'Content-Encoding': coding });
      expect(reply.status, name).toBe(400);
      expect((replyJson(reply) as { error: string }).error, name).toMatch(/not valid/);
    }
    expect(await stored(s.id)).toBe(404);
  });

  it('refuses an unknown or stacked coding with 415 and names the ones it takes', async () => {
    const s = statement();
    for (const coding of ['br', 'compress', 'gzip, gzip']) {
      const reply = await post(gzipSync(Buffer.from(JSON.stringify([s]))), { 'Content-Encoding': coding });
      expect(reply.status, coding).toBe(415);
      expect(reply.headers['accept-encoding']).toBe('gzip, deflate');
    }
    expect(await stored(s.id)).toBe(404);
  });

  it('inflates State documents sent compressed too', async () => {
    const path = `/xapi/activities/state?activityId=${encodeURIComponent('https://baraza.invalid/zip')}&agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:zip@baraza.invalid' }))}&stateId=z`;
    const put = await rawRequest(`${running.base}${path}`, 'PUT', gzipSync('{"page":3}'), { ...VERSION, ...JSON_TYPE, 'Content-Encoding': 'gzip', 'If-None-Match': '*' });
    expect(put.status).toBe(204);
    expect((await get(path)).body.toString()).toBe('{"page":3}');
  });

  it('gzips a large page for a client that accepts gzip, and only then', async () => {
    const agent = encodeURIComponent(JSON.stringify({ account: { homePage: 'https://baraza.invalid/learners', name: 'BULK' } }));
    await post(Buffer.from(JSON.stringify(Array.from({ length: 60 }, () => statement('BULK')))), {});
    const path = `/xapi/statements?agent=${agent}&limit=60`;
    const plain = await get(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const zipped = await get(path, { 'Accept-Encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(gunzipSync(zipped.body).toString()).statements).toEqual(JSON.parse(plain.body.toString()).statements);
    expect((await get(path, { 'Accept-Encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();
    // A reply too small to gain from it goes out as it is.
    expect((await get(`/xapi/statements?agent=${agent}&limit=1&format=ids`, { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });
});
