import { describe, expect, it } from 'vitest';
import { fakeDriveFs } from './driveFixtures';
import type { CommandRunner } from './types';
import { findRemovableVolumes } from './volumes';

const neverRun: CommandRunner = async (file) => {
  throw new Error(`${file} should not run on this platform`);
};

describe('findRemovableVolumes', () => {
  it('uses /proc/mounts on Linux', async () => {
    const fs = fakeDriveFs({ files: { '/proc/mounts': '/dev/sdb1 /media/amina/KINGSTON vfat rw 0 0\n', '/sys/block/sdb/removable': '1' } });
    expect(await findRemovableVolumes('linux', { fs, run: neverRun })).toEqual([{ path: '/media/amina/KINGSTON', label: 'KINGSTON' }]);
  });

  it('uses /Volumes on macOS', async () => {
    const fs = fakeDriveFs({ dirs: { '/Volumes': { dev: 2, entries: ['STICK'] }, '/Volumes/STICK': { dev: 5 } } });
    expect(await findRemovableVolumes('darwin', { fs, run: neverRun })).toEqual([{ path: '/Volumes/STICK', label: 'STICK' }]);
  });

  it('runs PowerShell on Windows', async () => {
    const run: CommandRunner = async () => '{"DeviceID":"E:","VolumeName":"KINGSTON"}';
    expect(await findRemovableVolumes('win32', { fs: fakeDriveFs({}), run })).toEqual([{ path: 'E:\\', label: 'KINGSTON' }]);
  });

  it('finds none, without throwing, where nothing can be read or the platform is unknown', async () => {
    expect(await findRemovableVolumes('linux', { fs: fakeDriveFs({}), run: neverRun })).toEqual([]);
    expect(await findRemovableVolumes('darwin', { fs: fakeDriveFs({}), run: neverRun })).toEqual([]);
    expect(await findRemovableVolumes('freebsd', { fs: fakeDriveFs({}), run: neverRun })).toEqual([]);
  });

  it('runs against this machine with the real dependencies', async () => {
    const volumes = await findRemovableVolumes();
    expect(Array.isArray(volumes)).toBe(true);
  });
});
