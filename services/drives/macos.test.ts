import { mkdir, mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeDriveFs } from './driveFixtures';
import { macosRemovableVolumes } from './macos';
import { nodeDriveFs } from './nodeDeps';

describe('removable volumes on macOS', () => {
  // Since Catalina / and /Volumes sit on different APFS volumes, hence different devs.
  const fs = fakeDriveFs({
    dirs: {
      '/': { dev: 1 },
      '/Volumes': { dev: 2, entries: ['Macintosh HD', 'KINGSTON', 'Clé USB', 'USB 1', '.timemachine', 'notes.txt', 'Ejected'] },
      '/Volumes/KINGSTON': { dev: 7 },
      '/Volumes/Clé USB': { dev: 8 },
      // Left behind by an unclean eject: a plain folder, not a mount point.
      '/Volumes/USB 1': { dev: 2 },
      '/Volumes/.timemachine': { dev: 9 },
    },
    files: { '/Volumes/notes.txt': '' },
    links: { '/Volumes/Macintosh HD': '/' },
  });

  it('lists mounted volumes, leaving out the boot volume, hidden entries, leftovers and files', async () => {
    expect(await macosRemovableVolumes(fs)).toEqual([
      { path: '/Volumes/Clé USB', label: 'Clé USB' },
      { path: '/Volumes/KINGSTON', label: 'KINGSTON' },
    ]);
  });

  it('rejects when /Volumes cannot be read (findRemovableVolumes turns that into none)', async () => {
    await expect(macosRemovableVolumes(fakeDriveFs({}))).rejects.toThrow(/ENOENT/);
  });
});

describe('removable volumes on macOS, against the real file system here', () => {
  let work = '';
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('skips a real symbolic link to / and a folder that is not a mount point', async () => {
    work = await mkdtemp(join(tmpdir(), 'baraza-volumes-'));
    const volumes = join(work, 'Volumes');
    await mkdir(join(volumes, 'Stale'), { recursive: true });
    await symlink('/', join(volumes, 'Macintosh HD'));
    const found = await macosRemovableVolumes(nodeDriveFs, volumes);
    expect(found).toEqual([]);
  });

  it('keeps an entry on another file system (a tmpfs here stands in for a mounted stick)', async (ctx) => {
    work = await mkdtemp(join(tmpdir(), 'baraza-volumes-'));
    const other = await stat('/dev/shm').catch(() => null);
    if (!other || other.dev === (await stat(work)).dev) ctx.skip(); // needs /dev/shm on its own file system
    const volumes = join(work, 'Volumes');
    await mkdir(volumes);
    await symlink('/dev/shm', join(volumes, 'Stick'));
    expect(await macosRemovableVolumes(nodeDriveFs, volumes)).toEqual([{ path: `${volumes}/Stick`, label: 'Stick' }]);
  });
});
