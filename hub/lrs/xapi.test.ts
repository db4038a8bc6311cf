import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionRead, type EventEnvelope } from '../../core/xapi/statement';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { rawRequest, replyJson } from './rawHttp';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

let n = 0;
const learner = (id: string): EventEnvelope['learner'] => ({ id, name: id });
function statement(who = 'L1', section = 's1', at = '2026-11-27T08:00:00.000Z'): Record<string, unknown> {
  n++;
  const env: EventEnvelope = { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, timestamp: at, learner: learner(who), language: 'en' };
  return { ...sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: section }) };
}

describeEachEngine('the hub as an xAPI LRS', (engine) => {
  let running: RunningHub;

  beforeAll(async () => {
    running = await startHub(engine);
  });

  afterAll(async () => {
    await running.stop();
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { 'X-Experience-API-Version': '2.0.0' }): Promise<Reply> {
    const data = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const reply = await rawRequest(`${running.base}${path}`, method, data, { ...headers, ...(data !== undefined ? { 'Content-Type': 'application/json' } : {}) });
    return { status: reply.status, headers: reply.headers, json: replyJson(reply) };
  }

  describe('Statements', () => {
    it('answers About without a version header, and every response names its version', async () => {
      const about = await call('GET', '/xapi/about', undefined, {});
      expect(about.status).toBe(200);
      expect(about.json).toMatchObject({ version: expect.arrayContaining(['2.0.0']) });
      expect(about.headers['x-experience-api-version']).toBe('2.0.0');
    });

    it('refuses requests without a supported version', async () => {
      expect((await call('GET', '/xapi/statements', undefined, {})).status).toBe(400);
      expect((await call('GET', '/xapi/statements', undefined, { 'X-Experience-API-Version': '0.95' })).status).toBe(400);
    });

    it('stores posted statements once, keeping the device time and adding its own', async () => {
      const future = statement('L1', 's1', '2031-01-01T00:00:00.000Z');
      const posted = await call('POST', '/xapi/statements', [future, statement()]);
      expect(posted.status).toBe(200);
      expect(posted.json).toHaveLength(2);
      const again = await call('POST', '/xapi/statements', [future]);
      expect(again.status).toBe(200);
      const stored = await call('GET', `/xapi/statements?statementId=${String(future.id)}`);
      expect(stored.json).toMatchObject({ timestamp: '2031-01-01T00:00:00.000Z', version: '2.0.0' });
      expect(typeof (stored.json as { stored: string }).stored).toBe('string');
      expect(stored.headers['x-experience-api-consistent-through']).toBeDefined();
    });

    it('answers 409 for a different statement under a stored id, and 204 for a PUT', async () => {
      const s = statement();
      expect((await call('PUT', `/xapi/statements?statementId=${String(s.id)}`, s)).status).toBe(204);
      expect((await call('PUT', `/xapi/statements?statementId=${String(s.id)}`, s)).status).toBe(204);
      const changed = { ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } };
      expect((await call('PUT', `/xapi/statements?statementId=${String(s.id)}`, changed)).status).toBe(409);
      expect((await call('POST', '/xapi/statements', [statement(), changed])).status).toBe(409);
    });

    it('voids: the voided statement is gone from queries and found only as voided', async () => {
      const target = statement('L9');
      await call('POST', '/xapi/statements', target);
      const voiding = { ...statement('L9'), verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target.id } };
      delete (voiding as { context?: unknown }).context;
      expect((await call('POST', '/xapi/statements', voiding)).status).toBe(200);
      expect((await call('GET', `/xapi/statements?statementId=${String(target.id)}`)).status).toBe(404);
      expect((await call('GET', `/xapi/statements?voidedStatementId=${String(target.id)}`)).status).toBe(200);
      const agent = encodeURIComponent(JSON.stringify({ account: { homePage: 'https://baraza.invalid/learners', name: 'L9' } }));
      const list = (await call('GET', `/xapi/statements?agent=${agent}`)).json as { statements: { id: string }[] };
      expect(list.statements.map((s) => s.id)).toEqual([(voiding as { id?: unknown }).id]);
    });

    it('filters by agent, verb, activity and time, and pages with more links', async () => {
      const mine = Array.from({ length: 7 }, (_, i) => statement('PAGER', `p${i}`));
      await call('POST', '/xapi/statements', mine);
      const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://baraza.invalid/learners', name: 'PAGER' } }));
      const seen: string[] = [];
      let path = `/xapi/statements?agent=${agent}&limit=3&ascending=true`;
      for (let i = 0; i < 5 && path; i++) {
        const page = (await call('GET', path)).json as { statements: { id: string }[]; more: string };
        seen.push(...page.statements.map((s) => s.id));
        path = page.more;
      }
      expect(seen).toEqual(mine.map((s) => s.id));
      const activity = encodeURIComponent('https://baraza.invalid/xapi/activities/p/modules/m/sections/p3');
      expect(((await call('GET', `/xapi/statements?activity=${activity}`)).json as { statements: unknown[] }).statements).toHaveLength(1);
      const verb = encodeURIComponent('http://adlnet.gov/expapi/verbs/experienced');
      const until = encodeURIComponent('2000-01-01T00:00:00Z');
      expect(((await call('GET', `/xapi/statements?verb=${verb}&until=${until}`)).json as { statements: unknown[] }).statements).toEqual([]);
      const ids = (await call('GET', `/xapi/statements?agent=${agent}&limit=1&format=ids`)).json as { statements: { actor: Record<string, unknown> }[] };
      expect(ids.statements[0]?.actor.name).toBeUndefined();
    });

    it.each([
      ['malformed JSON', '{"actor":', 400],
      ['a list of nothing', [], 400],
      ['a wrong type', { ...statement(), verb: 'experienced' }, 400],
      ['an invalid IRI', { ...statement(), verb: { id: 'not an iri' } }, 400],
      ['two identifiers', { ...statement(), actor: { mbox: 'mailto:a@b.c', openid: 'https://x.y/z' } }, 400],
      ['an unknown property', { ...statement(), mood: 'happy' }, 400],
      ['a null property', { ...statement(), result: null }, 400],
      ['a scaled score out of range', { ...statement(), result: { score: { scaled: 2 } } }, 400],
      ['a bad id', { ...statement(), id: 'nope' }, 400],
    ])('refuses %s with 400 and a reason', async (_name, body, status) => {
      const reply = await call('POST', '/xapi/statements', body);
      expect(reply.status).toBe(status);
      expect((reply.json as { error: string }).error.length).toBeGreaterThan(5);
    });

    it('refuses oversized bodies, unknown parameters and methods with a 4xx', async () => {
      expect((await call('POST', '/xapi/statements', Buffer.alloc(5 * 1024 * 1024, 0x20))).status).toBe(413);
      expect((await call('GET', '/xapi/statements?colour=red')).status).toBe(400);
      expect((await call('GET', '/xapi/statements?more=bogus')).status).toBe(400);
      expect((await call('GET', '/xapi/statements?limit=-1')).status).toBe(400);
      expect((await call('GET', '/xapi/statements?agent=%7B')).status).toBe(400);
      expect((await call('DELETE', '/xapi/statements')).status).toBe(405);
      expect((await call('GET', '/xapi/nothing')).status).toBe(404);
    });

    it('never answers 5xx to thousands of mutated statements', async () => {
      let seed = 7;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const junk = [null, 0, -1, 1e308, '', 'x', 'mailto:', [], {}, true, '\u0000', { objectType: 'SubStatement' }, 'http://x.y/z'];
      const mutate = (value: unknown, depth: number): unknown => {
        if (depth > 3 || random() < 0.15) return junk[Math.floor(random() * junk.length)];
        if (Array.isArray(value)) return value.map((v) => mutate(v, depth + 1));
        if (value && typeof value === 'object') {
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(value)) if (random() > 0.1) out[random() < 0.05 ? `${k}x` : k] = random() < 0.5 ? mutate(v, depth + 1) : v;
          return out;
        }
        return value;
      };
      const statuses = new Map<number, number>();
      for (let batch = 0; batch < 40; batch++) {
        const body = Array.from({ length: 50 }, () => mutate(statement('FUZZ'), 0));
        for (const single of body.slice(0, 5)) {
          const r = await call('POST', '/xapi/statements', single);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
        const r = await call('POST', '/xapi/statements', body);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
      expect([...statuses.keys()].every((s) => s < 500), JSON.stringify([...statuses])).toBe(true);
      expect(statuses.get(400)).toBeGreaterThan(0);
    });
  });

  describe('cross-origin use from the app', () => {
    it('answers a preflight and exposes the headers the client reads', async () => {
      const pre = await call('OPTIONS', '/xapi/statements', undefined, { Origin: 'app://baraza', 'Access-Control-Request-Method': 'POST' });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-headers']).toContain('X-Experience-API-Version');
      const get = await call('GET', '/xapi/statements?limit=1');
      expect(get.headers['access-control-expose-headers']).toContain('X-Experience-API-Consistent-Through');
    });
  });
});
