/** The hub's upload page for USB sync bundles: what it imports, and every way a file is refused whole. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bundleChecksum } from '../../core/sync/bundle';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { BOUNDARY, bundleOf, formBody, statement, textOf, tokenIn, uploader, type Json, type Uploader } from './uploadFixture';
import { createUploadHandler } from './uploadHandler';

const MULTIPART = { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` };

describeEachEngine('the upload page', (engine) => {
  let hub: RunningHub;
  let up: Uploader;
  const count = (): Promise<number> => hub.hub.storage.statements.count();

  beforeAll(async () => {
    hub = await startHub(engine);
    up = uploader(hub.base);
  });

  afterAll(async () => {
    await hub.stop();
  });

  let list: Json[];
  let before: number;
  beforeEach(async () => {
    list = [statement(), statement(), statement()];
    before = await count();
  });

  it('serves a plain form with its token, under a strict Content-Security-Policy and without CORS', async () => {
    const page = await up.raw('GET');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const html = page.body.toString();
    expect(html).toContain('<form method="post" enctype="multipart/form-data">');
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(tokenIn(page)).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('imports a bundle and says how many records were received and added', async () => {
    const reply = await up.send(bundleOf(list));
    expect(reply.status).toBe(200);
    expect(textOf(reply)).toContain('Records received From learners.baraza-sync.json. It held 3 records: 3 added to this hub.');
    expect(await count()).toBe(before + 3);
    expect(tokenIn(reply)).not.toBeNull();
  });

  it('says when every record was already here, and when some were', async () => {
    const one = [statement()];
    expect(textOf(await up.send(bundleOf(one)))).toContain('It held 1 record: 1 added to this hub.');
    expect(textOf(await up.send(bundleOf(one)))).toContain('Its record was already on this hub; nothing needed adding.');
    await up.send(bundleOf(list));
    expect(textOf(await up.send(bundleOf(list)))).toContain('All 3 records were already on this hub; nothing needed adding.');
    const more = [...list, statement(), statement()];
    expect(textOf(await up.send(bundleOf(more)))).toContain('It held 5 records: 2 added to this hub, 3 already here.');
    expect(await count()).toBe(before + 6);
  });

  it.each([
    ['a truncated file', (text: string) => text.slice(0, Math.floor(text.length / 2)), 400, 'not complete JSON: it may have been cut short'],
    ['an edited record (checksum)', (text: string) => text.replace('"Amina"', '"Someone else"'), 400, 'do not match its checksum'],
    ['a wrong count', (text: string) => text.replace('"count":3', '"count":4'), 400, 'says it holds 4 statements but holds 3'],
    ['JSON that is no bundle', () => '{"hello":"world"}', 400, 'not a Baraza sync bundle'],
    ['a newer bundle format', (text: string) => text.replace('"version":1', '"version":"<b>9</b>"'), 400, 'format version "<b>9</b>"'],
    ['an empty file', () => '', 400, 'not complete JSON'],
    ['some other text file', () => 'hub-laptop-12\n', 400, 'This file is not a Baraza sync bundle.'],
    ['a JSON list', () => '[]', 400, 'This file is not a Baraza sync bundle.'],
  ])('refuses %s whole, says why, and stores nothing', async (_name, damage, status, words) => {
    const reply = await up.send(damage(bundleOf(list)));
    expect(reply.status).toBe(status);
    expect(textOf(reply)).toContain(words);
    expect(textOf(reply)).toContain('Nothing on the hub was changed.');
    expect(reply.body.toString()).not.toContain('<b>9</b>');
    expect(tokenIn(reply)).not.toBeNull();
    expect(await count()).toBe(before);
  });

  it('refuses a file that is not text', async () => {
    const reply = await up.send(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28]));
    expect(reply.status).toBe(400);
    expect(textOf(reply)).toContain('This file is not text, so it is not a Baraza sync bundle.');
  });

  it('refuses a bundle with a record that clashes with one on the hub, and keeps none of it', async () => {
    const [, second] = list;
    await hub.hub.storage.statements.insert([{ ...statement(), id: second?.id }]);
    const reply = await up.send(bundleOf(list));
    expect(reply.status).toBe(409);
    expect(textOf(reply)).toContain(`holds a statement (id ${String(second?.id)}) that differs`);
    expect(await count()).toBe(before + 1);
  });

  it('accepts a bundle whose statements carry a checksum in capitals and a byte-order mark', async () => {
    const text = `\uFEFF${bundleOf(list).replace(bundleChecksum(list), bundleChecksum(list).toUpperCase())}`;
    expect((await up.send(text)).status).toBe(200);
  });

  it.each([
    ['JSON', { 'Content-Type': 'application/json' }],
    ['plain text', { 'Content-Type': 'text/plain' }],
    ['a URL-encoded form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['multipart without a boundary', { 'Content-Type': 'multipart/form-data' }],
    ['no type at all', {}],
    ['a gzipped form', { ...MULTIPART, 'Content-Encoding': 'gzip' }],
  ])('refuses a body sent as %s with 415 and a clear message', async (_name, headers) => {
    const token = await up.token();
    const reply = await up.raw('POST', formBody([{ name: 'token', data: token }, { name: 'bundle', filename: 'a.json', data: bundleOf(list) }]), { Origin: hub.base, ...headers });
    expect(reply.status).toBe(415);
    expect(textOf(reply)).toMatch(/this page’s form/);
    expect(await count()).toBe(before);
  });

  it('refuses at once a body that says it is larger than the limit', async () => {
    const reply = await up.raw('POST', 'x', { ...MULTIPART, Origin: hub.base, 'Content-Length': String(65 * 1024 * 1024) });
    expect(reply.status).toBe(413);
    expect(textOf(reply)).toContain('This page takes files up to 64 MiB.');
    expect(reply.headers.connection).toBe('close');
  });

  it('refuses an upload cut short, one with no file, and one with two', async () => {
    const token = await up.token();
    const whole = formBody([{ name: 'token', data: token }, { name: 'bundle', filename: 'a.json', data: bundleOf(list) }]);
    const cut = await up.raw('POST', whole.subarray(0, whole.length - 60), { ...MULTIPART, Origin: hub.base });
    expect(cut.status).toBe(400);
    expect(textOf(cut)).toContain('The upload ended early');
    const none = await up.raw('POST', formBody([{ name: 'token', data: token }, { name: 'bundle', filename: '', data: '' }]), { ...MULTIPART, Origin: hub.base });
    expect(textOf(none)).toContain('Choose a sync bundle file, then press Upload.');
    const two = await up.raw('POST', formBody([{ name: 'token', data: token }, { name: 'bundle', filename: 'a.json', data: bundleOf(list) }, { name: 'bundle', filename: 'b.json', data: bundleOf(list) }]), { ...MULTIPART, Origin: hub.base });
    expect(textOf(two)).toContain('Upload one bundle at a time.');
    expect(await count()).toBe(before);
  });

  it('shows only the file’s own name, escaped, whatever path or markup it carries', async () => {
    const traversal = await up.send(bundleOf(list), { filename: '../../../etc/passwd' });
    expect(textOf(traversal)).toContain('From passwd.');
    const markup = await up.send(bundleOf([statement()]), { filename: 'C:\\Users\\x\\<img src=x onerror=alert(1)>.json' });
    expect(markup.status).toBe(200);
    expect(markup.body.toString()).toContain('From &#60;img src=x onerror=alert(1)&#62;.json.');
    expect(textOf(markup)).toContain('From <img src=x onerror=alert(1)>.json.');
    expect(markup.body.toString()).not.toContain('<img');
  });

  it.each(['/upload/', '/upload/../../etc/passwd', '/upload%2F..%2F..%2Fetc%2Fpasswd', '/upload.html', '/UPLOAD', '/upload/%2e%2e/%2e%2e/etc/passwd'])('answers %s with nothing but a refusal', async (path) => {
    const reply = await up.raw('GET', undefined, {}, path);
    expect([400, 404]).toContain(reply.status);
    expect(reply.body.toString()).not.toContain('root:');
  });

  it('allows only GET, HEAD and POST', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const reply = await up.raw(method, 'x');
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD, POST');
    }
  });
});

describeEachEngine('the upload page with a small size limit', (engine) => {
  let hub: RunningHub;
  let server: Server;
  let up: Uploader;

  beforeAll(async () => {
    hub = await startHub(engine);
    const handler = createUploadHandler(hub.hub.storage, { maxBytes: 4096 });
    server = createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    up = uploader(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await hub.stop();
  });

  it('refuses a body that grows past the limit while it streams in, and stores nothing', async () => {
    const big = bundleOf(Array.from({ length: 20 }, statement));
    expect(Buffer.byteLength(big)).toBeGreaterThan(4096);
    const reply = await up.send(big);
    expect(reply.status).toBe(413);
    expect(textOf(reply)).toContain('Import a larger bundle with "baraza hub import-bundle FILE"');
    expect(await hub.hub.storage.statements.count()).toBe(0);
  });
});
