import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../core/pack/minisign';
import { createPackHandlers, fileSource, type PackHandlers } from './hostPacks';
import { makePack, openTestLibrary } from './packFixtures';

let dir: string;
let usb: string;
let handlers: PackHandlers;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-hostpacks-'));
  const { library, key } = await openTestLibrary(dir);
  usb = join(dir, 'usb');
  await mkdir(join(usb, 'Training'), { recursive: true });
  await makePack(usb, key, { version: 3 });
  await makePack(join(usb, 'Training'), generateKeyPair(), { id: 'other', name: 'other.baraza' });
  await writeFile(join(usb, 'notes.txt'), 'not a pack');
  handlers = createPackHandlers({
    library,
    appVersion: '1.0.0',
    resolveSource: fileSource,
    choosePackFiles: async () => [],
    removableVolumes: async () => [{ path: usb, label: 'KINGSTON' }],
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pack handlers shared by the hosts', () => {
  it('scans drives and inspects every pack found, naming the drive', async () => {
    const scan = await handlers.scanDrives();
    expect(scan.drives).toBe(1);
    const byName = Object.fromEntries(scan.candidates.map((c) => [c.name, c]));
    expect(byName['KINGSTON: demo-v3.baraza']).toMatchObject({ pack: { id: 'demo', version: 3 }, installedVersion: 1 });
    expect(byName['KINGSTON: other.baraza']?.problem).toMatchObject({ code: 'untrusted-key' });
    expect(scan.candidates).toHaveLength(2);
  });

  it('refuses hostile arguments with a clear error', async () => {
    for (const bad of [null, 42, {}, { kind: 'file' }, { kind: 'file', path: 'a\0b' }, { kind: 'upload', uploadId: '../x' }, { kind: 'ftp', path: '/' }]) {
      await expect(handlers.inspectPack(bad as never)).rejects.toMatchObject({ code: 'bad-arguments' });
    }
    await expect(handlers.removePack('' as never)).rejects.toMatchObject({ code: 'bad-arguments' });
    await expect(handlers.importJob('no-such-job')).rejects.toMatchObject({ code: 'not-found' });
    await expect(handlers.describeKey('untrusted comment: x\nAAAA\n')).rejects.toMatchObject({ code: 'bad-arguments' });
  });

  it('says plainly when the host cannot export or scan', async () => {
    const { library } = await openTestLibrary(join(dir, 'web'));
    const web = createPackHandlers({ library, appVersion: '1.0.0', resolveSource: fileSource, choosePackFiles: async () => [] });
    await expect(web.scanDrives()).rejects.toMatchObject({ code: 'unsupported' });
    await expect(web.exportPack('demo')).rejects.toMatchObject({ code: 'unsupported' });
  });
});
