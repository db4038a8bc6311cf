/** The xAPI State resource over raw HTTP: documents, merges, concurrency, hostile parameters (restarts: restart.test.ts). */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { rawRequest, type RawReply } from './rawHttp';

const VERSION = { 'X-Experience-API-Version': '2.0.0' };
const ACTIVITY = 'https://baraza.invalid/xapi/activities/p/modules/m';
const AGENT = { objectType: 'Agent', account: { homePage: 'https://baraza.invalid/learners', name: 'STATE' } };
const REGISTRATION = '6f1a4a0e-1f2b-4c3d-8e4f-0a1b2c3d4e5f';

type Reply = RawReply;

/** Where call() sends requests: the hub of the suite running now. */
let base = '';

function call(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return rawRequest(`${base}${path}`, method, body, { ...VERSION, ...headers });
}

const json = (reply: Reply): unknown => JSON.parse(reply.body.toString('utf8'));
const error = (reply: Reply): string => (json(reply) as { error: string }).error;
const JSON_TYPE = { 'Content-Type': 'application/json' };

interface Target {
  activityId?: string;
  agent?: unknown;
  registration?: string;
  stateId?: string;
  since?: string;
}

/** A State resource path; `agent` given as a string is sent as-is, so tests can send broken JSON. */
function state(target: Target = {}, extra = ''): string {
  const t: Target = { activityId: ACTIVITY, agent: AGENT, ...target };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(t)) {
    if (value === undefined) continue;
    params.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return `/xapi/activities/state?${params.toString()}${extra}`;
}

let counter = 0;
const freshId = (): string => `doc-${++counter}`;
const sha1Tag = (content: string | Buffer): string => `"${createHash('sha1').update(content).digest('hex')}"`;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describeEachEngine('the State resource', (engine) => {
  let running: RunningHub;

  beforeAll(async () => {
    running = await startHub(engine);
    base = running.base;
  });

  afterAll(async () => {
    await running.stop();
  });

  describe('documents', () => {
    it('stores a document with PUT and returns it with its type, ETag and Last-Modified', async () => {
      const stateId = freshId();
      const put = await call('PUT', state({ stateId }), '{"bookmark":"s3"}', JSON_TYPE);
      expect(put.status).toBe(204);
      expect(put.headers.etag).toBe(sha1Tag('{"bookmark":"s3"}'));
      const got = await call('GET', state({ stateId }));
      expect(got.status).toBe(200);
      expect(got.body.toString()).toBe('{"bookmark":"s3"}');
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers.etag).toBe(sha1Tag('{"bookmark":"s3"}'));
      expect(Date.parse(String(got.headers['last-modified']))).not.toBeNaN();
      expect(got.headers['x-experience-api-version']).toBe('2.0.0');
    });

    it('keeps any content byte for byte, under the Content-Type it was sent with', async () => {
      const stateId = freshId();
      const bytes = Buffer.from([0, 255, 1, 254, 0x80, 10, 13]);
      expect((await call('PUT', state({ stateId }), bytes, { 'Content-Type': 'application/octet-stream' })).status).toBe(204);
      const got = await call('GET', state({ stateId }));
      expect(got.body.equals(bytes)).toBe(true);
      expect(got.headers['content-type']).toBe('application/octet-stream');
    });

    it('answers 404 for a document that is not there, and keeps registrations apart', async () => {
      expect((await call('GET', state({ stateId: 'never-written' }))).status).toBe(404);
      const stateId = freshId();
      await call('PUT', state({ stateId, registration: REGISTRATION }), '{"r":1}', JSON_TYPE);
      expect((await call('GET', state({ stateId }))).status).toBe(404);
      expect((await call('GET', state({ stateId, registration: REGISTRATION.toUpperCase() }))).status).toBe(200);
      const otherAgent = { mbox: 'mailto:someone-else@baraza.invalid' };
      expect((await call('GET', state({ stateId, registration: REGISTRATION, agent: otherAgent }))).status).toBe(404);
    });

    it('refuses a PUT over an existing document without If-Match or If-None-Match (409)', async () => {
      const stateId = freshId();
      expect((await call('PUT', state({ stateId }), 'one', { 'Content-Type': 'text/plain' })).status).toBe(204);
      const blind = await call('PUT', state({ stateId }), 'two', { 'Content-Type': 'text/plain' });
      expect(blind.status).toBe(409);
      expect(error(blind)).toMatch(/If-Match/);
      expect((await call('PUT', state({ stateId }), 'two', { 'Content-Type': 'text/plain', 'If-None-Match': ' ' })).status).toBe(409);
      expect((await call('GET', state({ stateId }))).body.toString()).toBe('one');
    });

    it('honours If-Match and If-None-Match on PUT', async () => {
      const stateId = freshId();
      const text = { 'Content-Type': 'text/plain' };
      expect((await call('PUT', state({ stateId }), 'v1', { ...text, 'If-Match': sha1Tag('v1') })).status).toBe(412);
      expect((await call('PUT', state({ stateId }), 'v1', { ...text, 'If-None-Match': '*' })).status).toBe(204);
      expect((await call('PUT', state({ stateId }), 'v1b', { ...text, 'If-None-Match': '*' })).status).toBe(412);
      expect((await call('PUT', state({ stateId }), 'v2', { ...text, 'If-Match': sha1Tag('something else') })).status).toBe(412);
      const ok = await call('PUT', state({ stateId }), 'v2', { ...text, 'If-Match': sha1Tag('v1') });
      expect(ok.status).toBe(204);
      expect(ok.headers.etag).toBe(sha1Tag('v2'));
      expect((await call('PUT', state({ stateId }), 'v3', { ...text, 'If-Match': '*' })).status).toBe(204);
      const got = await call('GET', state({ stateId }));
      expect(got.body.toString()).toBe('v3');
    });

    it('merges top-level properties on POST, the new ones winning', async () => {
      const stateId = freshId();
      expect((await call('POST', state({ stateId }), '{"a":1,"b":{"x":1}}', JSON_TYPE)).status).toBe(204);
      expect((await call('POST', state({ stateId }), '{"b":{"y":2},"c":3}', JSON_TYPE)).status).toBe(204);
      const got = await call('GET', state({ stateId }));
      expect(json(got)).toEqual({ a: 1, b: { y: 2 }, c: 3 });
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers.etag).toBe(sha1Tag(got.body));
    });

    it('honours If-Match on POST and DELETE', async () => {
      const stateId = freshId();
      await call('POST', state({ stateId }), '{"a":1}', JSON_TYPE);
      expect((await call('POST', state({ stateId }), '{"a":2}', { ...JSON_TYPE, 'If-Match': sha1Tag('stale') })).status).toBe(412);
      expect((await call('POST', state({ stateId }), '{"a":2}', { ...JSON_TYPE, 'If-None-Match': '*' })).status).toBe(412);
      expect((await call('POST', state({ stateId }), '{"a":3}', { ...JSON_TYPE, 'If-Match': sha1Tag('{"a":1}') })).status).toBe(204);
      expect((await call('DELETE', state({ stateId }), undefined, { 'If-Match': sha1Tag('{"a":1}') })).status).toBe(412);
      expect(json(await call('GET', state({ stateId })))).toEqual({ a: 3 });
      expect((await call('DELETE', state({ stateId }), undefined, { 'If-Match': sha1Tag('{"a":3}') })).status).toBe(204);
      expect((await call('GET', state({ stateId }))).status).toBe(404);
      expect((await call('DELETE', state({ stateId: freshId() }), undefined, { 'If-Match': '*' })).status).toBe(412);
    });

    it.each([
      ['a body that is not JSON', 'bookmark=s3', { 'Content-Type': 'text/plain' }],
      ['malformed JSON', '{"a":', JSON_TYPE],
      ['a JSON array', '[1,2]', JSON_TYPE],
      ['a JSON string', '"s3"', JSON_TYPE],
    ])('refuses a POST merge of %s with 400', async (_name, body, headers) => {
      const stateId = freshId();
      const reply = await call('POST', state({ stateId }), body, headers);
      expect(reply.status).toBe(400);
      expect(error(reply).length).toBeGreaterThan(10);
      expect((await call('GET', state({ stateId }))).status).toBe(404);
    });

    it('refuses to merge into a stored document that is not a JSON object, and leaves it alone', async () => {
      const stateId = freshId();
      await call('PUT', state({ stateId }), 'plain words', { 'Content-Type': 'text/plain' });
      const reply = await call('POST', state({ stateId }), '{"a":1}', JSON_TYPE);
      expect(reply.status).toBe(400);
      expect(error(reply)).toMatch(/PUT/);
      expect((await call('GET', state({ stateId }))).body.toString()).toBe('plain words');
    });

    it('lists stateIds for an activity and agent, by registration and since', async () => {
      const activityId = `${ACTIVITY}/listing`;
      await call('PUT', state({ activityId, stateId: 'early' }), '1', { 'Content-Type': 'text/plain' });
      await call('PUT', state({ activityId, stateId: 'in-registration', registration: REGISTRATION }), '2', { 'Content-Type': 'text/plain' });
      await pause(5);
      const since = new Date().toISOString();
      await pause(5);
      await call('PUT', state({ activityId, stateId: 'late' }), '3', { 'Content-Type': 'text/plain' });

      const all = await call('GET', state({ activityId }));
      expect(all.status).toBe(200);
      expect(json(all)).toEqual(['early', 'in-registration', 'late']);
      expect(typeof all.headers.etag).toBe('string');
      expect(json(await call('GET', state({ activityId, registration: REGISTRATION })))).toEqual(['in-registration']);
      expect(json(await call('GET', state({ activityId, since })))).toEqual(['late']);
      expect(json(await call('GET', state({ activityId: `${ACTIVITY}/nothing-here` })))).toEqual([]);
    });

    it('deletes one document, the documents of one registration, or all of them', async () => {
      const activityId = `${ACTIVITY}/deleting`;
      const text = { 'Content-Type': 'text/plain' };
      for (const stateId of ['a', 'b', 'c']) await call('PUT', state({ activityId, stateId }), stateId, text);
      await call('PUT', state({ activityId, stateId: 'r', registration: REGISTRATION }), 'r', text);
      expect((await call('DELETE', state({ activityId, stateId: 'a' }))).status).toBe(204);
      expect((await call('DELETE', state({ activityId, stateId: 'a' }))).status).toBe(204);
      expect(json(await call('GET', state({ activityId })))).toEqual(['b', 'c', 'r']);
      expect((await call('DELETE', state({ activityId, registration: REGISTRATION }))).status).toBe(204);
      expect(json(await call('GET', state({ activityId })))).toEqual(['b', 'c']);
      const gone = await call('DELETE', state({ activityId }));
      expect(gone.status).toBe(204);
      expect(gone.headers['x-experience-api-version']).toBe('2.0.0');
      expect(json(await call('GET', state({ activityId })))).toEqual([]);
    });

    it.each([
      ['a missing agent', 'GET', state({ agent: undefined, stateId: 'x' }), /agent is required/],
      ['an agent that is not JSON', 'GET', state({ agent: '{"mbox":', stateId: 'x' }), /agent must be an Agent as JSON/],
      ['an agent without an identifier', 'GET', state({ agent: { name: 'Amina' }, stateId: 'x' }), /agent.*identifier/],
      ['an agent with two identifiers', 'GET', state({ agent: { mbox: 'mailto:a@b.c', openid: 'https://x.y/z' }, stateId: 'x' }), /agent/],
      ['an agent with a bad mbox', 'GET', state({ agent: { mbox: 'a@b.c' }, stateId: 'x' }), /agent\.mbox/],
      ['a Group as agent', 'GET', state({ agent: { objectType: 'Group', mbox: 'mailto:g@b.c' }, stateId: 'x' }), /not a Group/],
      ['an agent that is a list', 'GET', state({ agent: '[]', stateId: 'x' }), /agent/],
      ['a missing activityId', 'GET', state({ activityId: undefined }), /activityId is required/],
      ['an activityId that is not an IRI', 'GET', state({ activityId: 'not an iri' }), /activityId: must be an absolute IRI/],
      ['an empty activityId', 'GET', state({ activityId: '' }), /activityId/],
      ['a registration that is not a UUID', 'GET', state({ registration: 'yesterday' }), /registration: must be a UUID/],
      ['a since that is not a time', 'GET', state({ since: 'last week' }), /since/],
      ['since with a stateId', 'GET', state({ stateId: 'x', since: '2026-01-01T00:00:00Z' }), /since only applies/],
      ['an empty stateId', 'GET', state({ stateId: '' }), /stateId must not be empty/],
      ['an unknown parameter', 'GET', state({}, '&colour=red'), /colour is not a State resource parameter/],
      ['a repeated parameter', 'GET', state({ stateId: 'x' }, '&stateId=y'), /more than once/],
      ['a PUT without stateId', 'PUT', state(), /needs a stateId/],
      ['a POST without stateId', 'POST', state(), /needs a stateId/],
      ['a DELETE with since', 'DELETE', state({ since: '2026-01-01T00:00:00Z' }), /since only applies/],
    ])('refuses %s with 400 and a reason', async (_name, method, path, reason) => {
      const reply = await call(method, path, method === 'PUT' || method === 'POST' ? '{}' : undefined, JSON_TYPE);
      expect(reply.status).toBe(400);
      expect(error(reply)).toMatch(reason);
      expect(reply.headers['x-experience-api-version']).toBe('2.0.0');
    });

    it('refuses missing versions, other methods and oversized bodies with a 4xx', async () => {
      const noVersion = await rawRequest(`${base}${state({ stateId: 'x' })}`, 'GET');
      expect(noVersion.status).toBe(400);
      expect((await call('PATCH', state({ stateId: 'x' }), '{}', JSON_TYPE)).status).toBe(405);
      const big = await call('PUT', state({ stateId: freshId() }), Buffer.alloc(5 * 1024 * 1024, 0x20), { 'Content-Type': 'text/plain' });
      expect(big.status).toBe(413);
      expect(big.headers['x-experience-api-version']).toBe('2.0.0');
    });

    it('never answers 5xx to mutated parameters and headers', async () => {
      let seed = 11;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const junk = ['', 'x', '{}', '[]', 'null', '\u0000', '%', '{"mbox":"mailto:a@b.c"}', '{"account":{"homePage":"x","name":1}}', 'https://x.y/z', REGISTRATION, '2026-13-45T99:99:99Z'];
      const methods = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];
      const bodies = ['{}', '{"a":1}', '[]', 'null', 'not json', ''];
      const types = ['application/json', 'text/plain', 'application/json; charset=utf-8', 'application/jsonx'];
      const statuses = new Map<number, number>();
      for (let i = 0; i < 300; i++) {
        const target: Target = { stateId: `fuzz-${Math.floor(random() * 4)}` };
        for (const name of ['activityId', 'agent', 'registration', 'stateId', 'since'] as const) {
          const roll = random();
          if (roll < 0.2) target[name] = pick(junk);
          else if (roll < 0.3) target[name] = undefined;
        }
        const method = pick(methods);
        const headers: Record<string, string> = { 'Content-Type': pick(types) };
        if (random() < 0.3) headers['If-Match'] = pick(['*', '"abc"', 'abc, "def"', 'W/"x"', ',']);
        if (random() < 0.3) headers['If-None-Match'] = pick(['*', '"abc"', '']);
        const reply = await call(method, state(target), method === 'PUT' || method === 'POST' ? pick(bodies) : undefined, headers);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      }
      expect([...statuses.keys()].every((s) => s < 500), JSON.stringify([...statuses])).toBe(true);
      expect(statuses.get(400)).toBeGreaterThan(0);
    });
  });
});
