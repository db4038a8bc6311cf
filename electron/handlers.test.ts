import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostHandlers } from '../core/host';
import { makeBundle } from '../core/sync/bundle';
import { sectionRead } from '../core/xapi/statement';
import { makePack, openTestLibrary } from '../services/packs/packFixtures';
import { createHostHandlers } from './handlers';

let dir: string;
let handlers: HostHandlers;
let v2: string;
let exportDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-handlers-'));
  exportDir = join(dir, 'usb');
  await mkdir(exportDir);
  const { library, key } = await openTestLibrary(dir);
  v2 = await makePack(dir, key, { version: 2 });
  handlers = createHostHandlers({ library, appVersion: '1.2.3', platform: 'win32', choosePackFiles: async () => [{ kind: 'file', path: v2 }], chooseExportFolder: async () => exportDir, chooseBundleFolder: async () => exportDir });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createHostHandlers', () => {
  it('describes the Electron host', async () => {
    expect(await handlers.appInfo()).toEqual({
      name: 'Baraza',
      version: '1.2.3',
      host: 'electron',
      platform: 'win32',
      packBaseUrl: 'pack://',
      capabilities: { nativeFileDialogs: true, printToPdf: false, removableDrives: true },
    });
  });

  it('lists the packs installed from the bundle', async () => {
    expect((await handlers.listPacks()).map((p) => [p.id, p.version])).toEqual([['demo', 1]]);
  });

  it('inspects a file the person chose, and refuses sources that are not files', async () => {
    const [chosen] = await handlers.choosePackFiles();
    expect(chosen && (await handlers.inspectPack(chosen))).toMatchObject({ name: 'demo-v2.baraza', pack: { version: 2 }, installedVersion: 1 });
    await expect(handlers.inspectPack({ kind: 'upload', uploadId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'bad-arguments' });
    await expect(handlers.inspectPack({ kind: 'file', path: join(dir, 'missing.baraza') })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('exports an installed pack to the chosen folder and checks the copy', async () => {
    const result = await handlers.exportPack('demo');
    expect(result).toMatchObject({ saved: true, location: join(exportDir, 'demo-v1.baraza') });
    await expect(handlers.exportPack('nothing-here')).rejects.toMatchObject({ code: 'failed' });
  });

  it('saves a sync bundle to the folder chosen for records, and refuses text that is not one', async () => {
    const statement = sectionRead({ id: crypto.randomUUID(), timestamp: '2026-11-27T08:00:00.000Z', learner: { id: 'A', name: 'Amina' }, language: 'sw' }, { packId: 'demo', moduleId: 'm', sectionId: 's' });
    const text = makeBundle([statement as unknown as Record<string, unknown>], 'device', new Date('2026-11-27T09:00:00Z'));
    expect(await handlers.saveSyncBundle('baraza-2026-11-27.baraza-sync.json', text)).toMatchObject({ saved: true, location: join(exportDir, 'baraza-2026-11-27.baraza-sync.json') });
    expect(await readFile(join(exportDir, 'baraza-2026-11-27.baraza-sync.json'), 'utf8')).toBe(text);
    await expect(handlers.saveSyncBundle('baraza-2026-11-27.baraza-sync.json', '{}')).rejects.toMatchObject({ code: 'bad-arguments' });
  });
});
