/**
 * Two hubs on one storage, as two hub processes behind a load balancer share one
 * PostgreSQL database: requests race through both at once, and the records and
 * answers must be what one hub alone would give.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sectionRead, type EventEnvelope } from '../../core/xapi/statement';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { rawRequest, replyJson, type RawReply } from './rawHttp';

const VERSION = { 'X-Experience-API-Version': '2.0.0' };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const LEARNERS = 'https://baraza.invalid/learners';

let n = 0;
function statement(who: string, section = `s${n}`): Record<string, unknown> {
  n++;
  const env: EventEnvelope = { id: crypto.randomUUID(), timestamp: '2026-11-27T08:00:00.000Z', learner: { id: who, name: who }, language: 'en' };
  return { ...sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: section }) };
}

const agentParam = (who: string): string => encodeURIComponent(JSON.stringify({ account: { homePage: LEARNERS, name: who } }));

describeEachEngine('two hubs sharing one storage', (engine) => {
  let a: RunningHub;
  let b: RunningHub;

  beforeAll(async () => {
    a = await startHub(engine);
    b = await startHub(engine, a.config);
  });

  afterAll(async () => {
    await b.close();
    await a.stop();
  });

  const call = (hub: RunningHub, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawReply> =>
    rawRequest(`${hub.base}${path}`, method, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), { ...VERSION, ...(body === undefined ? {} : JSON_TYPE), ...headers });

  it('start together on a new storage and both become ready', async () => {
    const fresh = await engine.fresh(a.dir);
    const both = await Promise.all([startHub(engine, fresh), startHub(engine, fresh)]);
    expect(await Promise.all(both.map((h) => h.hub.storage.statements.count()))).toEqual([0, 0]);
    for (const h of both) await h.stop();
    await engine.drop(fresh);
  });

  it('store a batch sent through both at once exactly once', async () => {
    const batches = Array.from({ length: 10 }, () => Array.from({ length: 20 }, () => statement('RACE')));
    const replies = await Promise.all(batches.flatMap((batch, i) => [call(a, 'POST', '/xapi/statements', batch), call(b, 'POST', '/xapi/statements', [...(batches[i + 1] ?? []).slice(0, 5), ...batch])]));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    const all = await call(a, 'GET', `/xapi/statements?agent=${agentParam('RACE')}&limit=500`);
    const ids = (replyJson(all) as { statements: { id: string }[] }).statements.map((s) => s.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  it('let exactly one of two different statements under one id win', async () => {
    for (let round = 0; round < 8; round++) {
      const first = statement('CLASH', 'first');
      const second: Record<string, unknown> = { ...statement('CLASH', 'second'), id: first.id };
      const [ra, rb] = await Promise.all([call(a, 'POST', '/xapi/statements', [first]), call(b, 'POST', '/xapi/statements', [second])]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      const winner = ra.status === 200 ? first : second;
      const kept = replyJson(await call(b, 'GET', `/xapi/statements?statementId=${String(first.id)}`)) as { object: unknown };
      expect(kept.object).toEqual(winner.object);
    }
  });

  it('give a learner pulling since Consistent-Through every statement written through either hub meanwhile', async () => {
    const sent: string[] = [];
    const writer = async (hub: RunningHub): Promise<void> => {
      for (let i = 0; i < 20; i++) {
        const batch = Array.from({ length: 6 }, () => statement('PULL'));
        expect((await call(hub, 'POST', '/xapi/statements', batch)).status).toBe(200);
        sent.push(...batch.map((s) => String(s.id)));
      }
    };
    const seen = new Set<string>();
    let checkpoint: string | undefined;
    const pull = async (hub: RunningHub): Promise<void> => {
      let path: string | undefined = `/xapi/statements?agent=${agentParam('PULL')}&ascending=true&limit=25${checkpoint ? `&since=${encodeURIComponent(checkpoint)}` : ''}`;
      let through: string | undefined;
      while (path) {
        const reply = await call(hub, 'GET', path);
        through ??= String(reply.headers['x-experience-api-consistent-through']);
        const page = replyJson(reply) as { statements: { id: string }[]; more: string };
        for (const s of page.statements) seen.add(s.id);
        path = page.more || undefined;
      }
      // As the app does: the first page's Consistent-Through is where the next pull starts.
      if (through && (!checkpoint || through > checkpoint)) checkpoint = through;
    };
    let writing = true;
    const writers = Promise.all([writer(a), writer(b)]).finally(() => {
      writing = false;
    });
    const readers = [b, a];
    for (let turn = 0; writing; turn++) await pull(readers[turn % 2] ?? a);
    await writers;
    await pull(a);
    expect(sent).toHaveLength(240);
    expect(sent.filter((id) => !seen.has(id))).toEqual([]);
  });

  it('follow on one hub a more link made by the other', async () => {
    const mine = Array.from({ length: 7 }, () => statement('LINK'));
    await call(a, 'POST', '/xapi/statements', mine);
    const ids: string[] = [];
    let path = `/xapi/statements?agent=${agentParam('LINK')}&ascending=true&limit=3`;
    for (let hop = 0; path && hop < 5; hop++) {
      const page = replyJson(await call(hop % 2 === 0 ? a : b, 'GET', path)) as { statements: { id: string }[]; more: string };
      ids.push(...page.statements.map((s) => s.id));
      path = page.more;
    }
    expect(ids).toEqual(mine.map((s) => s.id));
  });

  const statePath = (stateId: string): string =>
    `/xapi/activities/state?activityId=${encodeURIComponent('https://baraza.invalid/shared')}&agent=${agentParam('STATE')}&stateId=${stateId}`;

  it('let exactly one of several If-None-Match: * writes through both hubs create a document', async () => {
    for (let round = 0; round < 6; round++) {
      const path = statePath(`create-${round}`);
      const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => call(i % 2 ? a : b, 'PUT', path, `{"writer":${i}}`, { 'If-None-Match': '*' })));
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 204)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(5);
      const winner = statuses.indexOf(204);
      expect((await call(a, 'GET', path)).body.toString()).toBe(`{"writer":${winner}}`);
    }
  });

  it('let exactly one of several writes with the same If-Match replace the document', async () => {
    const path = statePath('replace');
    const created = await call(a, 'PUT', path, '{"v":0}', { 'If-None-Match': '*' });
    const etag = String(created.headers.etag);
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => call(i % 2 ? a : b, 'PUT', path, `{"v":${i + 1}}`, { 'If-Match': etag })));
    expect(replies.map((r) => r.status).sort()).toEqual([204, 412, 412, 412, 412, 412]);
  });

  it('lose no property when merges race through both hubs', async () => {
    const path = statePath('merged');
    const replies = await Promise.all(Array.from({ length: 16 }, (_, i) => call(i % 2 ? a : b, 'POST', path, { [`k${i}`]: i })));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 204));
    const merged = JSON.parse((await call(b, 'GET', path)).body.toString()) as Record<string, number>;
    expect(Object.keys(merged).sort()).toEqual(Array.from({ length: 16 }, (_, i) => `k${i}`).sort());
  });
});
