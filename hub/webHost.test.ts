import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MinisignSecretKey } from '../core/pack/minisign';
import { makePack, openTestLibrary } from '../services/packs/packFixtures';
import { createWebHost } from './webHost';

let root: string;
let key: MinisignSecretKey;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baraza-web-'));
  await mkdir(join(root, 'renderer/assets'), { recursive: true });
  await writeFile(join(root, 'renderer/index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(root, 'renderer/assets/app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside');
  const opened = await openTestLibrary(root);
  key = opened.key;
  const server = createWebHost({ rendererRoot: join(root, 'renderer'), library: opened.library, uploadDir: join(root, 'uploads'), version: '9.9.9' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await close();
  await rm(root, { recursive: true, force: true });
});

/** Raw HTTP, so paths reach the server exactly as written (fetch would normalise `..`). */
function raw(method: string, path: string, body?: string | Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('web host', () => {
  it('serves the app with a strict Content-Security-Policy', async () => {
    const res = await raw('GET', '/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>app</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('implements HostApi over POST /api/host/<method>', async () => {
    const info = JSON.parse((await raw('POST', '/api/host/appInfo', '[]')).text);
    expect(info).toMatchObject({ ok: true, value: { host: 'web', version: '9.9.9', packBaseUrl: 'packs/' } });
    const packs = JSON.parse((await raw('POST', '/api/host/listPacks', '[]')).text);
    expect(packs).toMatchObject({ ok: true, value: [{ id: 'demo', version: 1, languages: ['en'], publisher: { name: 'Test publisher', keyId: key.publicKey.keyIdHex } }] });
  });

  it('serves pack files as sandboxed data', async () => {
    const res = await raw('GET', '/packs/demo/en/modules/m.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });

  it.each(['/packs/demo/../../secret.txt', '/packs/demo/%2e%2e/%2e%2e/secret.txt', '/packs/demo/en%5c..%5c..%5csecret.txt', '/packs/%2Fetc%2Fpasswd', '/packs/demo/en/modules/m.json%00', '/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/%E0%A4%A'])(
    'never serves a file outside its folder: %s',
    async (path) => {
      const res = await raw('GET', path);
      expect([400, 404]).toContain(res.status);
      expect(res.text).not.toContain('outside');
    },
  );

  it.each([
    ['unknown method', '/api/host/deleteEverything', '[]', 404, 'unknown-method'],
    ['prototype key as method', '/api/host/__proto__', '[]', 404, 'unknown-method'],
    ['malformed JSON', '/api/host/appInfo', '{"', 400, 'bad-arguments'],
    ['arguments that are not a list', '/api/host/appInfo', '{"a":1}', 400, 'bad-arguments'],
  ])('answers %s with a clear error, not a crash', async (_name, path, body, status, code) => {
    const res = await raw('POST', path, body);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code } });
  });

  it('installs an uploaded pack, reporting progress and what changed', async () => {
    const v2 = await makePack(root, key, { version: 2, title: 'New title' });
    const upload = JSON.parse((await raw('POST', '/api/packs/upload', await readFile(v2))).text) as { value: { kind: 'upload'; uploadId: string } };
    const inspected = JSON.parse((await raw('POST', '/api/host/inspectPack', JSON.stringify([upload.value]))).text);
    expect(inspected.value).toMatchObject({ pack: { id: 'demo', version: 2 }, installedVersion: 1 });
    const jobId = JSON.parse((await raw('POST', '/api/host/startImport', JSON.stringify([upload.value]))).text).value as string;
    let job: { state: string; result?: unknown } = { state: 'running' };
    for (let i = 0; i < 100 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = JSON.parse((await raw('POST', '/api/host/importJob', JSON.stringify([jobId]))).text).value;
    }
    expect(job).toMatchObject({ state: 'done', result: { packId: 'demo', version: 2, previousVersion: 1, modules: { changed: ['m'], added: [], removed: [] } } });
    expect(JSON.parse((await raw('GET', '/packs/demo/en/modules/m.json')).text).title).toBe('New title');
  });

  it('reports a refused upload with its reason, and forgets uploads it did not get', async () => {
    const upload = JSON.parse((await raw('POST', '/api/packs/upload', Buffer.from('not a zip at all'))).text).value;
    const inspected = JSON.parse((await raw('POST', '/api/host/inspectPack', JSON.stringify([upload]))).text);
    expect(inspected.value.problem).toMatchObject({ code: 'not-a-pack' });
    const unknown = await raw('POST', '/api/host/inspectPack', JSON.stringify([{ kind: 'upload', uploadId: '00000000-0000-4000-8000-000000000000' }]));
    expect(unknown.status).toBe(404);
    const local = await raw('POST', '/api/host/inspectPack', JSON.stringify([{ kind: 'file', path: '/etc/passwd' }]));
    expect(JSON.parse(local.text)).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    const traversal = await raw('POST', '/api/host/inspectPack', JSON.stringify([{ kind: 'upload', uploadId: '../../etc/passwd' }]));
    expect(traversal.status).toBe(400);
  });

  it('refuses an oversized body and GET on the API', async () => {
    expect((await raw('POST', '/api/host/appInfo', Buffer.alloc(2 * 1024 * 1024, 0x20))).status).toBe(413);
    expect((await raw('GET', '/api/host/appInfo')).status).toBe(405);
    expect((await raw('DELETE', '/')).status).toBe(405);
  });
});
