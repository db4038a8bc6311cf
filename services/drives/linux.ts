/**
 * Removable volumes on Linux: desktop automounters (udisks) mount sticks under
 * /media/<user>/<label> or /run/media/<user>/<label>; people and older tools use
 * /mnt/<name>. /proc/mounts lists them; sysfs says whether the disk is removable.
 */
import type { DriveFs, RemovableVolume } from './types';

export interface MountEntry {
  readonly device: string;
  readonly mountPoint: string;
  readonly fsType: string;
}

type Removability = 'removable' | 'fixed' | 'unknown';

const MEDIA_ROOTS = ['/media/', '/run/media/'];
const MNT_ROOT = '/mnt/';

/** /proc/mounts escapes space, tab, newline and backslash as three octal digits. */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

export function parseProcMounts(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const [device, mountPoint, fsType] = line.trim().split(/\s+/);
    if (!device || !mountPoint || !fsType) continue;
    entries.push({ device: unescapeMountField(device), mountPoint: unescapeMountField(mountPoint), fsType });
  }
  return entries;
}

/** The whole-disk name sysfs knows a partition's disk by: /dev/sdb1 → sdb, /dev/mmcblk0p1 → mmcblk0. */
export function diskNameOf(device: string): string | null {
  const numbered = /^\/dev\/((?:mmcblk|loop|nbd|nvme\d+n)\d+)(?:p\d+)?$/.exec(device);
  if (numbered?.[1]) return numbered[1];
  const lettered = /^\/dev\/((?:sd|hd|vd|xvd)[a-z]+)\d*$/.exec(device);
  if (lettered?.[1]) return lettered[1];
  const optical = /^\/dev\/(sr\d+)$/.exec(device);
  return optical?.[1] ?? null;
}

async function removability(fs: DriveFs, device: string): Promise<Removability> {
  const disk = diskNameOf(device);
  if (!disk) return 'unknown';
  const flag = (await fs.readText(`/sys/block/${disk}/removable`).catch(() => null))?.trim();
  if (flag === undefined) return 'unknown';
  if (flag === '1') return 'removable';
  // USB disks and SSDs often report removable=0 although they unplug; their sysfs path names the bus.
  const sysPath = await fs.realpath(`/sys/block/${disk}`).catch(() => '');
  if (sysPath.includes('/usb')) return 'removable';
  // SD cards in a built-in reader report 0 too; the card type tells them from soldered eMMC.
  const mmcType = (await fs.readText(`/sys/block/${disk}/device/type`).catch(() => ''))?.trim();
  if (mmcType === 'SD') return 'removable';
  return flag === '0' ? 'fixed' : 'unknown';
}

function label(mountPoint: string): string {
  return mountPoint.slice(mountPoint.lastIndexOf('/') + 1);
}

export async function linuxRemovableVolumes(fs: DriveFs, procMounts = '/proc/mounts'): Promise<RemovableVolume[]> {
  const mounts = parseProcMounts(await fs.readText(procMounts));
  const rootDevice = mounts.findLast((m) => m.mountPoint === '/')?.device;
  const volumes: RemovableVolume[] = [];
  const seen = new Set<string>();
  for (const mount of mounts) {
    const { device, mountPoint } = mount;
    // Only real block devices: this leaves out tmpfs, network shares, WSL's /mnt/c and the like.
    if (!device.startsWith('/dev/') || device === rootDevice || seen.has(mountPoint)) continue;
    const underMedia = MEDIA_ROOTS.some((root) => mountPoint.startsWith(root) && mountPoint.length > root.length);
    const underMnt = mountPoint.startsWith(MNT_ROOT) && mountPoint.length > MNT_ROOT.length;
    if (!underMedia && !underMnt) continue;
    const kind = await removability(fs, device);
    // The automounter only mounts under /media what a person plugged in, so trust it unless sysfs says fixed;
    // /mnt often holds internal disks, so there we need sysfs to say removable.
    const accept = underMedia ? kind !== 'fixed' : kind === 'removable';
    if (!accept) continue;
    seen.add(mountPoint);
    volumes.push({ path: mountPoint, label: label(mountPoint) });
  }
  return volumes;
}
