import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE, parseRate, RateLimiter, rateFromEnv } from './rateLimit';
import { rawRequest, replyJson } from './rawHttp';
import { openStorage } from './storage';
import type { LrsStore } from './store';
import { createXapiHandler } from './xapiServer';

describe('the rate limit setting', () => {
  it.each([
    ['300/100', { burst: 300, perSecond: 100 }],
    [' 5000/2000 ', { burst: 5000, perSecond: 2000 }],
    ['10/0.5', { burst: 10, perSecond: 0.5 }],
    ['OFF', 'off'],
  ])('reads %j', (text, rate) => {
    expect(parseRate(text)).toEqual(rate);
  });

  it.each(['', '300', '300/', '/100', '0/100', '300/0', '-1/5', '3e2/100', '300/100/5', '300 / 100', 'unlimited', '1234567890/1'])('refuses %j', (text) => {
    expect(parseRate(text)).toBeNull();
  });

  it('keeps the default when BARAZA_HUB_RATE is unset, and warns and keeps it when it is unreadable', () => {
    const warnings: string[] = [];
    expect(rateFromEnv({}, (m) => warnings.push(m))).toEqual(DEFAULT_RATE);
    expect(rateFromEnv({ BARAZA_HUB_RATE: 'lots' }, (m) => warnings.push(m))).toEqual(DEFAULT_RATE);
    expect(warnings).toEqual([expect.stringContaining('BARAZA_HUB_RATE is "lots"')]);
    expect(rateFromEnv({ BARAZA_HUB_RATE: '20000/5000' })).toEqual({ burst: 20000, perSecond: 5000 });
    expect(rateFromEnv({ BARAZA_HUB_RATE: 'off' })).toBe('off');
  });
});

describe('RateLimiter', () => {
  it('lets a burst through, then refuses with the seconds until the next request is allowed', () => {
    const limiter = new RateLimiter({ burst: 3, perSecond: 0.5 });
    for (let i = 0; i < 3; i++) expect(limiter.admit('k', 1000)).toEqual({ ok: true });
    expect(limiter.admit('k', 1000)).toEqual({ ok: false, retryAfterSeconds: 2 });
    // A refused request costs nothing, so the client is not pushed further back for asking.
    expect(limiter.admit('k', 1000)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(limiter.admit('k', 3000)).toEqual({ ok: true });
  });

  it('keeps one allowance per client', () => {
    const limiter = new RateLimiter({ burst: 1, perSecond: 1 });
    expect(limiter.admit('a', 0).ok).toBe(true);
    expect(limiter.admit('a', 0).ok).toBe(false);
    expect(limiter.admit('b', 0).ok).toBe(true);
  });

  it('never refills past the burst, and gains nothing when the clock steps back', () => {
    const limiter = new RateLimiter({ burst: 2, perSecond: 1000 });
    expect(limiter.admit('k', 0).ok).toBe(true);
    expect(limiter.admit('k', 10_000_000).ok).toBe(true);
    expect(limiter.admit('k', 10_000_000).ok).toBe(true);
    expect(limiter.admit('k', 10_000_000).ok).toBe(false);
    expect(limiter.admit('k', 0).ok).toBe(false);
  });

  it('admits everything when off', () => {
    const limiter = new RateLimiter('off');
    for (let i = 0; i < 10_000; i++) expect(limiter.admit('k', 0).ok).toBe(true);
  });
});

describe('the rate limit over HTTP', () => {
  let dir = '';
  let store: LrsStore;
  let server: Server;
  let base = '';
  let auth = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baraza-rate-'));
    store = openStorage({ engine: 'sqlite', file: join(dir, 'hub.sqlite') });
    const client = await store.clients.add('Hammering tablet');
    auth = `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`;
    const handler = createXapiHandler(store, { rate: { burst: 2, perSecond: 0.2 } });
    server = createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://hub.invalid')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 429 past the allowance, with Retry-After and, on Statements, Consistent-Through', async () => {
    const get = (path: string): ReturnType<typeof rawRequest> => rawRequest(`${base}${path}`, 'GET', undefined, { 'X-Experience-API-Version': '2.0.0', Authorization: auth });
    expect((await get('/xapi/statements')).status).toBe(200);
    expect((await get('/xapi/statements')).status).toBe(200);
    const refused = await get('/xapi/statements');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['x-experience-api-consistent-through']).toBe('1970-01-01T00:00:00.000Z');
    expect((replyJson(refused) as { error: string }).error).toMatch(/wait 5 s/);
    // About asks for no credentials, so it is not counted.
    expect((await rawRequest(`${base}/xapi/about`, 'GET')).status).toBe(200);
  });
});
