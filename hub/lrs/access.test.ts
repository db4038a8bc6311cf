/** Credentials and scoping: each client sees only the learners it sent; an admin sees all. */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sectionRead, type EventEnvelope } from '../../core/xapi/statement';
import { createHub, type Hub } from '../hub';
import { runHub } from '../main';
import type { NewClient } from './clients';
import { rawRequest, replyJson } from './rawHttp';

let dir: string;
let hub: Hub;
let base: string;
let deviceA: NewClient;
let deviceB: NewClient;
let admin: NewClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-access-'));
  hub = createHub(dir);
  deviceA = hub.clients.add('Laptop A');
  deviceB = hub.clients.add('Laptop B');
  admin = hub.clients.add('Ministry', true);
  await new Promise<void>((r) => hub.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

function auth(c: NewClient | null, secret?: string): Record<string, string> {
  return c ? { Authorization: `Basic ${Buffer.from(`${c.key}:${secret ?? c.secret}`).toString('base64')}` } : {};
}

async function call(method: string, path: string, who: Record<string, string>, body?: unknown): Promise<{ status: number; json: unknown; headers: Record<string, unknown> }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  const reply = await rawRequest(`${base}${path}`, method, data, { 'X-Experience-API-Version': '2.0.0', ...who, ...(data ? { 'Content-Type': 'application/json' } : {}) });
  return { status: reply.status, headers: reply.headers, json: replyJson(reply) };
}

let n = 0;
function statement(learner: string): Record<string, unknown> {
  n++;
  const env: EventEnvelope = { id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`, timestamp: '2026-11-27T08:00:00Z', learner: { id: learner, name: learner }, language: 'en' };
  return JSON.parse(JSON.stringify(sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: 's' }))) as Record<string, unknown>;
}

const ids = (reply: { json: unknown }): string[] => ((reply.json as { statements: { id: string }[] }).statements ?? []).map((s) => s.id);

describe('hub access', () => {
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

  it('slows down a client that floods it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 320; i++) statuses.push((await call('GET', '/xapi/statements?limit=1', auth(deviceB))).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(250);
  });
});

describe('baraza hub add-client', () => {
  it('prints a key, a secret shown once, and an enrolment code', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const code = await runHub(['add-client', '--data', join(dir, 'other'), '--name', 'Trainer laptop', '--endpoint', 'https://hub.example/xapi/']);
    log.mockRestore();
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/key: +[0-9a-f]{24}/);
    const enrol = /baraza-enrol:([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
    expect(JSON.parse(Buffer.from(enrol, 'base64url').toString())).toMatchObject({ endpoint: 'https://hub.example/xapi/' });
  });

  it('refuses to serve the network with no clients', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await runHub(['--port', '0', '--data', join(dir, 'empty'), '--host', '0.0.0.0'])).toBe(1);
    err.mockRestore();
  });
});
