import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostHandlers } from './handlers';

let packsRoot: string;

function packIndex(id: string) {
  return {
    format: 1,
    id,
    version: 3,
    defaultLanguage: 'en',
    languages: ['en', 'fr'],
    title: { en: 'AI governance basics', fr: 'Bases de la gouvernance de l’IA' },
    items: [],
  };
}

beforeAll(async () => {
  packsRoot = await mkdtemp(join(tmpdir(), 'baraza-handlers-'));
  const put = async (dir: string, text: string) => {
    await mkdir(join(packsRoot, dir), { recursive: true });
    await writeFile(join(packsRoot, dir, 'pack.json'), text);
  };
  await put('core-ai', JSON.stringify(packIndex('core-ai')));
  await put('broken', '{ not json');
  await put('renamed', JSON.stringify(packIndex('someone-else')));
});

afterAll(async () => {
  await rm(packsRoot, { recursive: true, force: true });
});

describe('createHostHandlers', () => {
  const handlers = () => createHostHandlers({ packsRoot, appVersion: '1.2.3', platform: 'win32' });

  it('describes the Electron host', async () => {
    expect(await handlers().appInfo()).toEqual({
      name: 'Baraza',
      version: '1.2.3',
      host: 'electron',
      platform: 'win32',
      packBaseUrl: 'pack://',
      capabilities: { nativeFileDialogs: false, printToPdf: false },
    });
  });

  it('lists the installed packs and passes over broken ones', async () => {
    expect(await handlers().listPacks()).toEqual([
      { id: 'core-ai', version: 3, title: packIndex('core-ai').title, languages: ['en', 'fr'] },
    ]);
  });

  it('lists nothing when the packs folder does not exist', async () => {
    const none = createHostHandlers({ packsRoot: join(packsRoot, 'missing'), appVersion: '1', platform: 'linux' });
    expect(await none.listPacks()).toEqual([]);
  });
});
