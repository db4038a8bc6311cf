import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACK_RESPONSE_HEADERS, packsUnder } from '../services/packs/files';
import { appPathSegments, createAppHandler, createPackHandler, packRawPath } from './protocols';
import { CONTENT_SECURITY_POLICY } from './security';

const SECRET = 'SECRET-OUTSIDE-THE-FOLDER';
let base: string;
let packs: (request: Request) => Promise<Response>;
let app: (request: Request) => Promise<Response>;

// A real tree: packs/ and renderer/ beside files and folders they must never serve.
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'baraza-protocols-'));
  const put = async (path: string, text: string) => {
    await mkdir(join(base, path, '..'), { recursive: true });
    await writeFile(join(base, path), text);
  };
  await put('secret.txt', SECRET);
  await put('outside/secret.txt', SECRET);
  await put('packs/core-ai/pack.json', '{"id":"core-ai"}');
  await put('packs/core-ai/modules/intro.en.json', '{"title":"Intro"}');
  await put('packs/secret.txt', SECRET);
  await symlink(join(base, 'secret.txt'), join(base, 'packs/core-ai/link.txt'));
  await symlink(join(base, 'outside'), join(base, 'packs/core-ai/linkdir'));
  await symlink(join(base, 'outside'), join(base, 'packs/evil'));
  await put('renderer/index.html', '<!doctype html><div id="root"></div>');
  await put('renderer/assets/app.js', 'console.log(1)');
  await put('renderer/assets/app.css', 'body{}');
  await put('renderer/.env', SECRET);
  await symlink(join(base, 'secret.txt'), join(base, 'renderer/leak.js'));
  await symlink(join(base, 'outside'), join(base, 'renderer/leakdir'));
  packs = createPackHandler(packsUnder(join(base, 'packs')));
  app = createAppHandler(join(base, 'renderer'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function expectRefused(handler: (r: Request) => Promise<Response>, url: string): Promise<void> {
  const response = await handler(new Request(url));
  expect(response.status, url).toBe(404);
  expect(await response.text(), url).not.toContain(SECRET);
}

describe('pack://', () => {
  it('serves a pack file with the pack headers and its type', async () => {
    const response = await packs(new Request('pack://core-ai/modules/intro.en.json'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ title: 'Intro' });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    for (const [name, value] of Object.entries(PACK_RESPONSE_HEADERS)) expect(response.headers.get(name)).toBe(value);
    expect(response.headers.get('access-control-allow-origin')).toBe('app://baraza');
  });

  it('ignores a query string and answers HEAD without a body', async () => {
    expect((await packs(new Request('pack://core-ai/pack.json?v=2'))).status).toBe(200);
    const head = await packs(new Request('pack://core-ai/pack.json', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses writes', async () => {
    const response = await packs(new Request('pack://core-ai/pack.json', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });

  it.each([
    'pack://core-ai/missing.json',
    'pack://nope/pack.json',
    'pack://core-ai/modules',
    'pack://core-ai',
    'pack://core-ai/',
    'pack://core-ai/../secret.txt',
    'pack://core-ai/../../secret.txt',
    'pack://core-ai/%2e%2e/secret.txt',
    'pack://core-ai/%2e%2e%2fsecret.txt',
    'pack://core-ai/%2E%2E%2F%2E%2E%2Fsecret.txt',
    'pack://core-ai/%252e%252e/secret.txt',
    'pack://core-ai/%252e%252e%252fsecret.txt',
    'pack://core-ai/..%5csecret.txt',
    'pack://core-ai/..%5c..%5csecret.txt',
    'pack://core-ai/..\\secret.txt',
    'pack://core-ai/modules%5c..%5c..%5csecret.txt',
    'pack://core-ai/secret.txt%00.json',
    'pack://core-ai/%00',
    'pack://core-ai/C:/secret.txt',
    'pack://core-ai/C:%5csecret.txt',
    'pack://c:/secret.txt',
    'pack://core-ai//etc/passwd',
    'pack://core-ai/%2fetc%2fpasswd',
    'pack:///etc/passwd',
    'pack://core-ai/.hidden',
    'pack://core-ai:80/pack.json',
    'pack://..%2f/secret.txt',
    'pack://%2e%2e/secret.txt',
    'pack://core-ai/link.txt',
    'pack://core-ai/linkdir/secret.txt',
    'pack://evil/secret.txt',
  ])('refuses %s', async (url) => {
    await expectRefused(packs, url);
  });

  it('refuses absolute paths to a real file', async () => {
    await expectRefused(packs, `pack://${join(base, 'secret.txt')}`);
    await expectRefused(packs, `pack://core-ai/${join(base, 'secret.txt')}`);
    await expectRefused(packs, `pack://core-ai/${encodeURIComponent(join(base, 'secret.txt'))}`);
  });

  it('returns the still-encoded pack path, or null for other URLs', () => {
    expect(packRawPath('pack://core-ai/modules/a%20b.json')).toBe('core-ai/modules/a%20b.json');
    expect(packRawPath('app://baraza/index.html')).toBeNull();
    expect(packRawPath('pack://core-ai:1/x')).toBeNull();
    expect(packRawPath('not a url')).toBeNull();
  });
});

describe('app://baraza/', () => {
  it('serves index.html for the root, with the CSP', async () => {
    for (const url of ['app://baraza/', 'app://baraza', 'app://baraza/index.html', 'app://baraza/#/modules']) {
      const response = await app(new Request(url));
      expect(response.status, url).toBe(200);
      expect(await response.text()).toContain('id="root"');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves built assets with their types', async () => {
    const js = await app(new Request('app://baraza/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await app(new Request('app://baraza/assets/app.css'))).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers client routes and folders with index.html, a missing asset with 404', async () => {
    expect(await (await app(new Request('app://baraza/modules/intro'))).text()).toContain('id="root"');
    expect(await (await app(new Request('app://baraza/assets/'))).text()).toContain('id="root"');
    expect((await app(new Request('app://baraza/assets/missing.js'))).status).toBe(404);
  });

  it('refuses writes', async () => {
    expect((await app(new Request('app://baraza/index.html', { method: 'PUT', body: 'x' }))).status).toBe(405);
  });

  it.each([
    'app://evil/index.html',
    'app://baraza:8080/index.html',
    'app://baraza/.env',
    'app://baraza/../secret.txt',
    'app://baraza/%2e%2e/secret.txt',
    'app://baraza/%2e%2e%2fsecret.txt',
    'app://baraza/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://baraza/%252e%252e/secret.txt',
    'app://baraza/%252e%252e%252fsecret',
    'app://baraza/..%5csecret.txt',
    'app://baraza/..\\secret.txt',
    'app://baraza/assets%5c..%5c..%5csecret',
    'app://baraza/index.html%00.js',
    'app://baraza/%00',
    'app://baraza/C:/secret.txt',
    'app://baraza/C:%5csecret',
    'app://baraza//etc/passwd',
    'app://baraza/%2fetc%2fpasswd',
    'app://baraza/leak.js',
    'app://baraza/leakdir',
    'app://baraza/leakdir/secret.txt',
    'pack://core-ai/pack.json',
  ])('refuses %s', async (url) => {
    await expectRefused(app, url);
  });

  it('refuses absolute paths to a real file', async () => {
    await expectRefused(app, `app://baraza/${encodeURIComponent(join(base, 'secret.txt'))}`);
    await expectRefused(app, `app://baraza/${join(base, 'secret.txt')}`);
  });

  it('answers 404 when the renderer has not been built', async () => {
    expect((await createAppHandler(join(base, 'no-such-dir'))(new Request('app://baraza/'))).status).toBe(404);
  });
});

describe('appPathSegments', () => {
  it('splits and decodes a safe path', () => {
    expect(appPathSegments('app://baraza/')).toEqual([]);
    expect(appPathSegments('app://baraza/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
  });

  it.each(['/..%2f', '/a/%2e%2e%2fb', '/%252e', '/a%5cb', '/a%00', '/C:', '/a//b', '/.git/config', '/%E0%A4%A'])('refuses the path %s', (path) => {
    expect(appPathSegments(`app://baraza${path}`)).toBeNull();
  });
});
