/** The Statements resource as the ADL conformance suite reads it: headers on every answer, HEAD, batches, formats, stored forms. */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { rawRequest, replyJson } from './rawHttp';
import type { StorageConfig } from './storage';

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json: unknown;
}

let n = 0;
const uuid = (): string => `20000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const VERB = { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced', 'en-GB': 'experienced (GB)' } };
const ACTIVITY = { objectType: 'Activity', id: 'http://example.org/a', definition: { name: { 'en-US': 'Activity', 'en-GB': 'Activity (GB)' } } };
const statement = (extra: Json = {}): Json => ({ id: uuid(), actor: { objectType: 'Agent', name: 'Learner', mbox: 'mailto:learner@example.org' }, verb: VERB, object: ACTIVITY, ...extra });
const THROUGH = 'x-experience-api-consistent-through';

/** Replaces a stored body as an older hub would have written it, bypassing the store's rules. */
async function rewriteStoredBody(config: StorageConfig, id: string, body: Json): Promise<void> {
  if (config.engine === 'sqlite') {
    const db = new Database(config.file);
    db.prepare('UPDATE statements SET body = ? WHERE id = ?').run(JSON.stringify(body), id);
    db.close();
    return;
  }
  const db = new pg.Client({ connectionString: config.url });
  await db.connect();
  try {
    await db.query(`SET search_path TO ${config.schema ?? 'public'}`);
    await db.query('UPDATE statements SET body = $1 WHERE id = $2', [JSON.stringify(body), id]);
  } finally {
    await db.end();
  }
}

describeEachEngine('the Statements resource, as the conformance suite reads it', (engine) => {
  let running: RunningHub;

  beforeAll(async () => {
    running = await startHub(engine);
  });

  afterAll(async () => {
    await running.stop();
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const reply = await rawRequest(`${running.base}${path}`, method, data, { 'X-Experience-API-Version': '2.0.0', ...(data !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers });
    return { ...reply, json: method === 'HEAD' ? null : replyJson(reply) };
  }

  describe('X-Experience-API-Consistent-Through on every answer (XAPI-00153)', () => {
    it.each([
      ['statementId with verb', 'GET', '/xapi/statements?statementId=b373de5e-d7e2-4577-9071-588ecc36af0b&verb=http://x.org/v', undefined, 400],
      ['voidedStatementId with since', 'GET', '/xapi/statements?voidedStatementId=b373de5e-d7e2-4577-9071-588ecc36af0b&since=2012-06-01T19:09:13.245Z', undefined, 400],
      ['a parameter in the wrong case', 'GET', '/xapi/statements?LIMIT=1', undefined, 400],
      ['an unknown statement', 'GET', '/xapi/statements?statementId=bf3dc1bc-1aed-401d-af97-385d36319749', undefined, 404],
      ['an unknown format', 'GET', '/xapi/statements?statementId=bf3dc1bc-1aed-401d-af97-385d36319749&format=full', undefined, 400],
      ['a method the resource has not', 'DELETE', '/xapi/statements', undefined, 405],
      ['an invalid statement', 'POST', '/xapi/statements', { actor: 'nobody' }, 400],
    ])('on %s (%s %s)', async (_name, method, path, body, status) => {
      const reply = await call(method, path, body);
      expect(reply.status).toBe(status);
      const through = Date.parse(String(reply.headers[THROUGH]));
      expect(through).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z'));
      expect(through).toBeLessThanOrEqual(Date.now());
    });

    it('on a conflict, and on a request refused before the store is asked (no version)', async () => {
      const s = statement();
      await call('POST', '/xapi/statements', s);
      expect((await call('POST', '/xapi/statements', { ...s, verb: { id: 'http://x.org/other' } })).headers[THROUGH]).toBeDefined();
      const noVersion = await rawRequest(`${running.base}/xapi/statements`, 'GET');
      expect(noVersion.status).toBe(400);
      // Always true (everything stored by 1970 is visible), so a client that trusts it misses nothing.
      expect(noVersion.headers[THROUGH]).toBe('1970-01-01T00:00:00.000Z');
    });

    it('not on other resources', async () => {
      expect((await call('GET', '/xapi/nothing')).headers[THROUGH]).toBeUndefined();
    });
  });

  describe('HEAD', () => {
    it('answers About and Statements like GET, without a body', async () => {
      const s = statement();
      await call('POST', '/xapi/statements', s);
      for (const path of ['/xapi/about', `/xapi/statements?statementId=${String(s.id)}`, '/xapi/statements?limit=2']) {
        const get = await call('GET', path);
        const head = await call('HEAD', path);
        expect(head.status, path).toBe(200);
        expect(head.body.length, path).toBe(0);
        expect(head.headers['content-type'], path).toBe(get.headers['content-type']);
        expect(head.headers['x-experience-api-version'], path).toBe('2.0.0');
      }
      expect((await call('HEAD', '/xapi/statements?statementId=bf3dc1bc-1aed-401d-af97-385d36319749')).status).toBe(404);
      expect((await call('POST', '/xapi/about', {})).status).toBe(405);
    });
  });

  describe('batches', () => {
    it('refuses a batch that holds one id twice, ids compared without case, and stores none of it (XAPI-00142)', async () => {
      const s = statement();
      const other = statement();
      for (const batch of [[s, s], [other, s, { ...s, id: String(s.id).toUpperCase() }]]) {
        const reply = await call('POST', '/xapi/statements', batch);
        expect(reply.status).toBe(400);
        expect((reply.json as { error: string }).error).toMatch(/^statements\[\d\]\.id: repeats the id of statements\[\d\]/);
      }
      expect((await call('GET', `/xapi/statements?statementId=${String(s.id)}`)).status).toBe(404);
      expect((await call('GET', `/xapi/statements?statementId=${String(other.id)}`)).status).toBe(404);
      // Sent again in separate requests, the same statement is still welcome: that is how devices retry.
      expect((await call('POST', '/xapi/statements', [s])).status).toBe(200);
      expect((await call('POST', '/xapi/statements', [s, other])).status).toBe(200);
    });

    it.each([
      ['C: attachments not a list', { attachments: { usageType: 'http://x.org/u' } }, 'statement.attachments: must be a list'],
      ['D: a contextAgent of the wrong type', { context: { contextAgents: [{ objectType: 'Should fail', agent: { mbox: 'mailto:p@example.org' } }] } }, 'statement.context.contextAgents[0].objectType: must be contextAgent'],
      ['F: an identified Group as authority', { authority: { objectType: 'Group', mbox: 'mailto:g@example.org', member: [{ mbox: 'mailto:a@example.org' }, { mbox: 'mailto:b@example.org' }] } }, 'statement.authority: a Group as authority must be anonymous'],
      ['G: choices without interactionType', { object: { id: 'http://x.org/q', definition: { choices: [{ id: 'a' }] } } }, 'statement.object.definition.interactionType: is required'],
      ['H: a -00:00 offset', { timestamp: '2008-09-15T15:53:00.601-00:00' }, 'statement.timestamp: writes a zero time zone offset as -00:00'],
      ['I: weeks with days', { result: { duration: 'P4W1D' } }, 'statement.result.duration: must be an ISO 8601 duration'],
    ])('refuses %s with 400, names the property, and stores nothing', async (_name, change, message) => {
      const s = statement(change);
      const reply = await call('POST', '/xapi/statements', s);
      expect(reply.status).toBe(400);
      expect((reply.json as { error: string }).error).toContain(message);
      expect((await call('GET', `/xapi/statements?statementId=${String(s.id)}`)).status).toBe(404);
    });
  });

  describe('contextActivities are returned as lists (XAPI-00096)', () => {
    const single = (): Json => statement({ context: { contextActivities: { parent: { id: 'http://example.org/parent' }, category: [{ id: 'http://example.org/c' }] } } });

    it('when a single Activity was sent, in every format, and in a SubStatement', async () => {
      const s = single();
      const sub = statement({ object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@example.org' }, verb: { id: 'http://x.org/v' }, object: { id: 'http://x.org/a' }, context: { contextActivities: { other: { id: 'http://example.org/o' } } } } });
      expect((await call('PUT', `/xapi/statements?statementId=${String(s.id)}`, s)).status).toBe(204);
      expect((await call('POST', '/xapi/statements', sub)).status).toBe(200);
      for (const format of ['exact', 'ids', 'canonical']) {
        const got = (await call('GET', `/xapi/statements?statementId=${String(s.id)}&format=${format}`)).json as { context: { contextActivities: Json } };
        expect(got.context.contextActivities.parent, format).toEqual([expect.objectContaining({ id: 'http://example.org/parent' })]);
      }
      const gotSub = (await call('GET', `/xapi/statements?statementId=${String(sub.id)}`)).json as { object: { context: { contextActivities: Json } } };
      expect(gotSub.object.context.contextActivities.other).toEqual([{ id: 'http://example.org/o' }]);
      // Resent in either form, it is the same statement, not a conflict.
      expect((await call('PUT', `/xapi/statements?statementId=${String(s.id)}`, s)).status).toBe(204);
      const listed = { ...s, context: { contextActivities: { parent: [{ id: 'http://example.org/parent' }], category: [{ id: 'http://example.org/c' }] } } };
      expect((await call('POST', '/xapi/statements', [listed])).status).toBe(200);
    });

    it('for a statement stored in the single form by an older hub, which still matches a resend', async () => {
      const s = single();
      await call('POST', '/xapi/statements', s);
      const stored = (await call('GET', `/xapi/statements?statementId=${String(s.id)}`)).json as Json;
      await rewriteStoredBody(running.config, String(s.id), { ...stored, context: s.context });
      const query = (await call('GET', `/xapi/statements?activity=${encodeURIComponent(ACTIVITY.id)}&limit=100`)).json as { statements: Json[] };
      const found = query.statements.find((x) => x.id === s.id) as { context: { contextActivities: Json } } | undefined;
      expect(found?.context.contextActivities.parent).toEqual([{ id: 'http://example.org/parent' }]);
      expect((await call('POST', '/xapi/statements', [s])).status).toBe(200);
    });
  });

  describe('format and Accept-Language (XAPI-00169, 00171, 00172)', () => {
    it('reduces to identifiers with format=ids, and to one language with format=canonical, on queries and their more links', async () => {
      const s = statement({ actor: { objectType: 'Agent', name: 'Fmt', mbox: `mailto:fmt-${n}@example.org` } });
      const t = statement({ actor: s.actor });
      await call('POST', '/xapi/statements', [s, t]);
      const agent = encodeURIComponent(JSON.stringify(s.actor));
      const ids = (await call('GET', `/xapi/statements?agent=${agent}&format=ids&limit=1`)).json as { statements: Json[]; more: string };
      expect(ids.statements[0]).toMatchObject({ actor: { objectType: 'Agent', mbox: (s.actor as Json).mbox }, verb: { id: VERB.id }, object: { id: ACTIVITY.id } });
      expect(Object.keys(ids.statements[0]?.verb as Json)).toEqual(['id']);
      const next = (await call('GET', ids.more)).json as { statements: Json[] };
      expect(Object.keys(next.statements[0]?.object as Json)).toEqual(['id']);
      const canon = (await call('GET', `/xapi/statements?statementId=${String(s.id)}&format=canonical`, undefined, { 'Accept-Language': 'en-GB' })).json as typeof s & { verb: Json; object: { definition: Json } };
      expect(canon.verb.display).toEqual({ 'en-GB': 'experienced (GB)' });
      expect(canon.object.definition.name).toEqual({ 'en-GB': 'Activity (GB)' });
      expect(canon.actor).toEqual(s.actor);
      const exact = (await call('GET', `/xapi/statements?statementId=${String(s.id)}`, undefined, { 'Accept-Language': 'en-GB' })).json as { verb: Json };
      expect(exact.verb.display).toEqual(VERB.display);
    });
  });
});
