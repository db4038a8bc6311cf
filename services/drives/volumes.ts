/**
 * Which removable drives are mounted now, on the platform we run on. Never throws: a
 * machine whose drives cannot be listed simply shows none, and the person can still pick
 * a file by hand.
 */
import { linuxRemovableVolumes } from './linux';
import { macosRemovableVolumes } from './macos';
import { nodeVolumeDeps } from './nodeDeps';
import type { RemovableVolume, VolumeDeps } from './types';
import { windowsRemovableVolumes } from './windows';

export type { RemovableVolume } from './types';

export async function findRemovableVolumes(platform: NodeJS.Platform = process.platform, deps: Partial<VolumeDeps> = {}): Promise<RemovableVolume[]> {
  const { fs, run, commandTimeoutMs } = { ...nodeVolumeDeps, ...deps };
  try {
    switch (platform) {
      case 'win32':
        return await windowsRemovableVolumes(run, commandTimeoutMs);
      case 'darwin':
        return await macosRemovableVolumes(fs);
      case 'linux':
        return await linuxRemovableVolumes(fs);
      default:
        return [];
    }
  } catch {
    return [];
  }
}
