/** Who may use the upload page: admin clients only once the hub has clients; never another web site. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewClient } from '../lrs/clients';
import { describeEachEngine, ENGINES, startHub, type RunningHub } from '../testing/engines';
import { basic, BOUNDARY, bundleOf, formBody, statement, textOf, tokenIn, uploader } from './uploadFixture';
import { createUploadHandler } from './uploadHandler';

const asClient = (c: NewClient): Record<string, string> => basic(c.key, c.secret);

describeEachEngine('the upload page on a hub without clients', (engine) => {
  let hub: RunningHub;

  beforeAll(async () => {
    hub = await startHub(engine);
  });

  afterAll(async () => {
    await hub.stop();
  });

  it('answers only requests addressed to this computer (no DNS rebinding)', async () => {
    const up = uploader(hub.base);
    for (const host of ['evil.example', '127.0.0.1.evil.example:80', 'localhost.evil.example', 'user@127.0.0.1']) {
      const reply = await up.raw('GET', undefined, { Host: host });
      expect(reply.status).toBe(403);
      expect(tokenIn(reply)).toBeNull();
      expect(textOf(reply)).toContain('answers only at http://127.0.0.1');
    }
    expect((await up.raw('GET', undefined, { Host: 'localhost:1' })).status).toBe(200);
  });

  it.each([
    ['no token', { token: '' }, {}, 'did not come from this hub’s page'],
    ['a made-up token', { token: 'lzz.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, {}, 'did not come from this hub’s page'],
    ['a token with markup', { token: '"><script>x</script>' }, {}, 'did not come from this hub’s page'],
    ['another site as Origin', {}, { Origin: 'http://evil.example' }, 'came from another web site'],
    ['Origin null', {}, { Origin: 'null' }, 'came from another web site'],
    ['a cross-site fetch', {}, { 'Sec-Fetch-Site': 'cross-site' }, 'came from another web site'],
    ['a same-site (other subdomain) fetch', {}, { 'Sec-Fetch-Site': 'same-site' }, 'came from another web site'],
  ])('refuses a POST with %s, and stores nothing', async (_name, options, headers, words) => {
    const before = await hub.hub.storage.statements.count();
    const reply = await uploader(hub.base).send(bundleOf([statement()]), { ...options, headers });
    expect(reply.status).toBe(403);
    expect(textOf(reply)).toContain(words);
    expect(reply.body.toString()).not.toContain('<script>x');
    expect(await hub.hub.storage.statements.count()).toBe(before);
  });

  it('accepts a POST without Origin or Sec-Fetch-Site (an older browser) when its token is right', async () => {
    const up = uploader(hub.base);
    const body = formBody([
      { name: 'token', data: await up.token() },
      { name: 'bundle', filename: 'a.baraza-sync.json', data: bundleOf([statement()]) },
    ]);
    expect((await up.raw('POST', body, { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` })).status).toBe(200);
  });
});

describe('the upload form token', () => {
  let server: Server;
  let hub: RunningHub;
  let clock = Date.parse('2026-11-27T08:00:00.000Z');
  let base: string;

  beforeAll(async () => {
    const [sqlite] = ENGINES;
    if (!sqlite) throw new Error('SQLite is always among the test engines');
    hub = await startHub(sqlite);
    const handler = createUploadHandler(hub.hub.storage, { now: () => clock });
    server = createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await hub.stop();
  });

  it('is good for 12 hours; after that the page says so and gives a fresh form', async () => {
    const up = uploader(base);
    const token = await up.token();
    clock += 11 * 60 * 60 * 1000;
    expect((await up.send(bundleOf([statement()]), { token })).status).toBe(200);
    clock += 2 * 60 * 60 * 1000;
    const late = await up.send(bundleOf([statement()]), { token });
    expect(late.status).toBe(403);
    expect(textOf(late)).toContain('The page was open too long');
    const fresh = tokenIn(late);
    expect(fresh).not.toBeNull();
    expect((await up.send(bundleOf([statement()]), { token: fresh ?? '' })).status).toBe(200);
  });

  it('is refused by another hub process on a hub without clients (each has its own key)', async () => {
    const other = await uploader(hub.base).token();
    expect((await uploader(base).send(bundleOf([statement()]), { token: other })).status).toBe(403);
  });
});

describeEachEngine('the upload page on a hub with clients', (engine) => {
  let hub: RunningHub;
  let second: RunningHub;
  let device: NewClient;
  let admin: NewClient;
  let otherAdmin: NewClient;

  beforeAll(async () => {
    hub = await startHub(engine);
    device = await hub.hub.storage.clients.add('Laptop 12');
    admin = await hub.hub.storage.clients.add('Trainer', true);
    otherAdmin = await hub.hub.storage.clients.add('Ministry', true);
    // A second hub process on the same storage, as behind a load balancer.
    second = await startHub(engine, hub.config);
  });

  afterAll(async () => {
    await second.stop();
    await hub.stop();
  });

  it('asks the browser for a key and secret, and refuses wrong ones', async () => {
    for (const credentials of [{}, basic(admin.key, 'wrong'), { Authorization: 'Basic !!!' }, { Authorization: 'Bearer x' }]) {
      const reply = await uploader(hub.base, credentials).raw('GET');
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Basic realm="Baraza hub", charset="UTF-8"');
      expect(tokenIn(reply)).toBeNull();
      expect(textOf(reply)).toContain('needs the key and secret of an admin client');
    }
  });

  it('refuses a client that is not an admin, naming it', async () => {
    const reply = await uploader(hub.base, asClient(device)).raw('GET');
    expect(reply.status).toBe(403);
    expect(tokenIn(reply)).toBeNull();
    expect(textOf(reply)).toContain('The key of "Laptop 12" may send its own records but not upload files for everyone.');
  });

  it('refuses a POST without credentials before reading it, and stores nothing', async () => {
    const token = await uploader(hub.base, asClient(admin)).token();
    const reply = await uploader(hub.base).send(bundleOf([statement()]), { token });
    expect(reply.status).toBe(401);
    expect(reply.headers.connection).toBe('close');
    expect(await hub.hub.storage.statements.count()).toBe(0);
  });

  it('takes an upload from an admin, at any address, with the token of its own page', async () => {
    const up = uploader(hub.base, asClient(admin));
    const reply = await up.send(bundleOf([statement(), statement()]), { headers: { Host: 'hub.example.org', Origin: 'https://hub.example.org' } });
    expect(reply.status).toBe(200);
    expect(textOf(reply)).toContain('It held 2 records: 2 added to this hub.');
  });

  it('refuses the token of another admin’s page', async () => {
    const token = await uploader(hub.base, asClient(otherAdmin)).token();
    const reply = await uploader(hub.base, asClient(admin)).send(bundleOf([statement()]), { token });
    expect(reply.status).toBe(403);
  });

  it('takes a token from one hub process in another that shares the database', async () => {
    const token = await uploader(hub.base, asClient(admin)).token();
    const reply = await uploader(second.base, asClient(admin)).send(bundleOf([statement()]), { token });
    expect(reply.status).toBe(200);
  });
});
