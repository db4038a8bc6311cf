import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packsUnder, readPackFile } from './files';

let root: string;
let packs: string;

const index = (id: string): string => JSON.stringify({ format: 1, id, version: 1, defaultLanguage: 'en', languages: ['en'], title: { en: id }, items: [] });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baraza-packs-'));
  packs = join(root, 'packs');
  await mkdir(join(packs, 'good/en'), { recursive: true });
  await writeFile(join(packs, 'good/pack.json'), index('good'));
  await writeFile(join(packs, 'good/en/a.json'), '{"ok":true}');
  await writeFile(join(root, 'secret.txt'), 'outside');
  await symlink(join(root, 'secret.txt'), join(packs, 'good/en/link.json'));
  await symlink(root, join(packs, 'good/escape'));
  await mkdir(join(root, 'elsewhere/en'), { recursive: true });
  await writeFile(join(root, 'elsewhere/en/a.json'), 'outside');
  await symlink(join(root, 'elsewhere'), join(packs, 'evil'));
  await mkdir(join(packs, 'broken'));
  await writeFile(join(packs, 'broken/pack.json'), '{nope');
  await mkdir(join(packs, 'mismatch'));
  await writeFile(join(packs, 'mismatch/pack.json'), index('someone-else'));
  await mkdir(join(packs, 'good.tmp-123'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readPackFile', () => {
  it('reads a file inside a pack with its type', async () => {
    const result = await readPackFile(packsUnder(packs), 'good/en/a.json');
    expect(result.ok && result.data.toString()).toBe('{"ok":true}');
    expect(result.ok && result.mimeType).toMatch(/^application\/json/);
  });

  it.each(['good/../../secret.txt', 'good/%2e%2e/%2e%2e/secret.txt', 'good/en/link.json', 'good/escape/secret.txt', 'good/en', 'good/en/missing.json', 'nope/en/a.json', '../secret.txt', 'evil/en/a.json'])(
    'answers 404 for %s',
    async (raw) => {
      expect(await readPackFile(packsUnder(packs), raw)).toEqual({ ok: false, status: 404 });
    },
  );
});
