/**
 * Removable volumes on macOS: everything mounted under /Volumes except the boot
 * volume, which appears there as a symbolic link to /.
 */
import type { DriveFs, RemovableVolume } from './types';

export async function macosRemovableVolumes(fs: DriveFs, volumesDir = '/Volumes'): Promise<RemovableVolume[]> {
  const names = (await fs.readdir(volumesDir)).filter((name) => !name.startsWith('.')).sort();
  const parentDev = (await fs.stat(volumesDir)).dev;
  const volumes: RemovableVolume[] = [];
  for (const name of names) {
    const path = `${volumesDir}/${name}`;
    try {
      if ((await fs.realpath(path)) === '/') continue;
      const info = await fs.stat(path);
      // A folder on the same file system as /Volumes is not a mount point: an unclean eject leaves these behind.
      if (!info.isDirectory || info.dev === parentDev) continue;
      volumes.push({ path, label: name });
    } catch {
      // A volume ejected while we looked, or one we may not read: not a place to offer.
      continue;
    }
  }
  return volumes;
}
