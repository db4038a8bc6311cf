/** Credentials and scoping: each client sees only the learners it sent; an admin sees all. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sectionRead, type EventEnvelope } from '../../core/xapi/statement';
import { runHub } from '../main';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import type { NewClient } from './clients';
import { rawRequest, replyJson } from './rawHttp';

describeEachEngine('hub access', (engine) => {
  let running: RunningHub;
  let deviceA: NewClient;
  let deviceB: NewClient;
  let admin: NewClient;

  beforeAll(async () => {
    running = await startHub(engine);
    const clients = running.hub.storage.clients;
    deviceA = await clients.add('Laptop A');
    deviceB = await clients.add('Laptop B');
    admin = await clients.add('Ministry', true);
  });

  afterAll(async () => {
    await running.stop();
  });

  function auth(c: NewClient | null, secret?: string): Record<string, string> {
    return c ? { Authorization: `Basic ${Buffer.from(`${c.key}:${secret ?? c.secret}`).toString('base64')}` } : {};
  }

  async function call(method: string, path: string, who: Record<string, string>, body?: unknown): Promise<{ status: number; json: unknown; headers: Record<string, unknown> }> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const reply = await rawRequest(`${running.base}${path}`, method, data, { 'X-Experience-API-Version': '2.0.0', ...who, ...(data ? { 'Content-Type': 'application/json' } : {}) });
    return { status: reply.status, headers: reply.headers, json: replyJson(reply) };
  }

  let n = 0;
  function statement(learner: string): Record<string, unknown> {
    n++;
    const env: EventEnvelope = { id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`, timestamp: '2026-11-27T08:00:00Z', learner: { id: learner, name: learner }, language: 'en' };
    return JSON.parse(JSON.stringify(sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: 's' }))) as Record<string, unknown>;
  }

  const ids = (reply: { json: unknown }): string[] => ((reply.json as { statements: { id: string }[] }).statements ?? []).map((s) => s.id);

  describe('credentials and scoping', () => {
    it('asks for credentials once it has clients, and refuses wrong ones', async () => {
      const none = await call('GET', '/xapi/statements', {});
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toContain('Basic');
      expect((await call('GET', '/xapi/statements', auth(deviceA, 'wrong'))).status).toBe(401);
      expect((await call('GET', '/xapi/statements', { Authorization: 'Basic !!!' })).status).toBe(401);
      expect((await call('GET', '/xapi/about', {})).status).toBe(200);
    });

    it('shows each device only its own learners, and the admin everyone', async () => {
      const a = statement('learner-a');
      const b = statement('learner-b');
      expect((await call('POST', '/xapi/statements', auth(deviceA), [a])).status).toBe(200);
      expect((await call('POST', '/xapi/statements', auth(deviceB), [b])).status).toBe(200);
      expect(ids(await call('GET', '/xapi/statements', auth(deviceA)))).toEqual([a.id]);
      expect(ids(await call('GET', '/xapi/statements', auth(deviceB)))).toEqual([b.id]);
      expect(ids(await call('GET', '/xapi/statements', auth(admin))).sort()).toEqual([a.id, b.id].sort());
      expect((await call('GET', `/xapi/statements?statementId=${String(b.id)}`, auth(deviceA))).status).toBe(404);
      const agentB = encodeURIComponent(JSON.stringify({ account: { homePage: 'https://baraza.invalid/learners', name: 'learner-b' } }));
      expect(ids(await call('GET', `/xapi/statements?agent=${agentB}`, auth(deviceA)))).toEqual([]);
    });

    it('lets a device void only its own learners’ statements', async () => {
      const b = statement('learner-b2');
      await call('POST', '/xapi/statements', auth(deviceB), [b]);
      const voiding = { ...statement('learner-a'), verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: b.id } };
      delete (voiding as { context?: unknown }).context;
      expect((await call('POST', '/xapi/statements', auth(deviceA), [voiding])).status).toBe(403);
      expect((await call('GET', `/xapi/statements?statementId=${String(b.id)}`, auth(deviceB))).status).toBe(200);
    });

    it('keeps State documents to the learner’s own device', async () => {
      const agent = encodeURIComponent(JSON.stringify({ account: { homePage: 'https://baraza.invalid/learners', name: 'learner-a' } }));
      const path = `/xapi/activities/state?activityId=${encodeURIComponent('https://baraza.invalid/x')}&agent=${agent}&stateId=pos`;
      expect((await call('PUT', path, { ...auth(deviceA), 'If-None-Match': '*' }, { section: 2 })).status).toBe(204);
      expect((await call('GET', path, auth(deviceA))).status).toBe(200);
      expect((await call('GET', path, auth(deviceB))).status).toBe(403);
    });

    it('keeps a more link to the client that ran the query, and to its learners even when the link is edited', async () => {
      const mine = [statement('learner-a'), statement('learner-a')];
      await call('POST', '/xapi/statements', auth(deviceA), mine);
      const first = await call('GET', '/xapi/statements?limit=1', auth(deviceA));
      const more = (first.json as { more: string }).more;
      expect(more).toMatch(/^\/xapi\/statements\?more=/);
      expect((await call('GET', more, auth(deviceB))).status).toBe(400);
      // The link carries the query, not who may be seen: widening it by hand shows nothing more.
      const token = new URL(more, 'http://x').searchParams.get('more') ?? '';
      const cursor = JSON.parse(Buffer.from(token, 'base64url').toString()) as { f: Record<string, unknown>; a: number };
      const widened = Buffer.from(JSON.stringify({ ...cursor, f: { ...cursor.f, limit: 500, ascending: true }, a: 0, actors: [] })).toString('base64url');
      const seen = ids(await call('GET', `/xapi/statements?more=${widened}`, auth(deviceA)));
      const everyone = ids(await call('GET', '/xapi/statements?limit=500', auth(admin)));
      expect(seen.length).toBeGreaterThan(0);
      expect(everyone.length).toBeGreaterThan(seen.length);
      const visible = new Set(ids(await call('GET', '/xapi/statements?limit=500', auth(deviceA))));
      expect(seen.every((id) => visible.has(id))).toBe(true);
    });

    it('accepts a client made by another hub process on the same storage at once', async () => {
      const other = await startHub(engine, running.config);
      try {
        const late = await other.hub.storage.clients.add('Laptop C');
        expect((await call('GET', '/xapi/statements?limit=1', auth(late))).status).toBe(200);
      } finally {
        await other.close();
      }
    });

    it('slows down a client that floods it', async () => {
      const statuses: number[] = [];
      // In waves, so the flood outruns the refill (100 a second) on either engine.
      for (let wave = 0; wave < 12 && !statuses.includes(429); wave++) {
        statuses.push(...(await Promise.all(Array.from({ length: 50 }, async () => (await call('GET', '/xapi/statements?limit=1', auth(deviceB))).status))));
      }
      expect(statuses).toContain(429);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(250);
    });
  });

  describe('baraza hub add-client', () => {
    it('prints a key, a secret shown once, and an enrolment code', async () => {
      const data = join(running.dir, 'other');
      const config = await engine.fresh(data);
      const out: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
      const code = await runHub(['add-client', '--data', data, '--name', 'Trainer laptop', '--endpoint', 'https://hub.example/xapi/'], engine.env(config));
      log.mockRestore();
      await engine.drop(config);
      expect(code).toBe(0);
      const text = out.join('\n');
      expect(text).toMatch(/key: +[0-9a-f]{24}/);
      const enrol = /baraza-enrol:([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
      expect(JSON.parse(Buffer.from(enrol, 'base64url').toString())).toMatchObject({ endpoint: 'https://hub.example/xapi/' });
    });

    it('refuses to serve the network with no clients', async () => {
      const data = join(running.dir, 'empty');
      const config = await engine.fresh(data);
      const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      expect(await runHub(['--port', '0', '--data', data, '--host', '0.0.0.0'], engine.env(config))).toBe(1);
      err.mockRestore();
      await engine.drop(config);
    });
  });
});
