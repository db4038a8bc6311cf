import { describe, expect, it } from 'vitest';
import { fakeDriveFs } from './driveFixtures';
import { diskNameOf, linuxRemovableVolumes, parseProcMounts } from './linux';
import { nodeDriveFs } from './nodeDeps';

const USB_HOST = '/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block';
const SATA_HOST = '/sys/devices/pci0000:00/0000:00:17.0/ata2/host1/target1:0:0/1:0:0:0/block';

// A laptop with the root file system on NVMe, and a little of everything mounted around it.
const PROC_MOUNTS = [
  'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0',
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  'udev /dev devtmpfs rw,nosuid,relatime,size=1931420k 0 0',
  '/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0',
  '/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077 0 0',
  'tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime 0 0',
  '/dev/loop3 /snap/core22/1380 squashfs ro,nodev,relatime 0 0',
  // Mounted by udisks for a plugged-in stick (sysfs says removable).
  '/dev/sdb1 /media/amina/KINGSTON vfat rw,nosuid,nodev,relatime,uid=1000 0 0',
  // Mounted twice (e.g. by two sessions): offered once.
  '/dev/sdb1 /media/amina/KINGSTON vfat rw,nosuid,nodev,relatime,uid=1000 0 0',
  // A USB SSD on Fedora-style /run/media, exFAT through FUSE, with a space in the label; sysfs says removable=0.
  '/dev/sdc1 /run/media/joao/My\\040Stick fuseblk rw,nosuid,nodev,relatime 0 0',
  // An internal Windows partition udisks mounted when clicked: not removable.
  '/dev/sda3 /media/amina/Windows fuseblk rw,nosuid,nodev,relatime 0 0',
  // An SD card in the built-in reader: removable=0 but its card type is SD.
  '/dev/mmcblk0p1 /media/amina/SDCARD vfat rw,nosuid,nodev,relatime 0 0',
  // An encrypted stick: the mapper device has no disk we can map, and the automounter put it under /media.
  '/dev/mapper/luks-0f1e /media/amina/Secret ext4 rw,nosuid,nodev,relatime 0 0',
  // A mounted ISO image: a loop device, not a drive.
  '/dev/loop7 /media/amina/ubuntu-24.04 iso9660 ro,nosuid,nodev,relatime 0 0',
  // /mnt: a stick mounted by hand is kept, an internal data disk and an unknown device are not.
  '/dev/sdd1 /mnt/usb vfat rw,relatime 0 0',
  '/dev/sda4 /mnt/data ext4 rw,relatime 0 0',
  '/dev/mapper/vg-backup /mnt/backup ext4 rw,relatime 0 0',
  // The root file system bind-mounted, a network share, WSL's Windows drive.
  '/dev/nvme0n1p2 /mnt/rootbind ext4 rw,relatime 0 0',
  '//server/share /mnt/share cifs rw,relatime,vers=3.1.1 0 0',
  'C:\\134 /mnt/c 9p rw,noatime,dirsync,aname=drvfs 0 0',
  'garbage',
  '',
].join('\n');

const SYSFS = fakeDriveFs({
  files: {
    '/proc/mounts': PROC_MOUNTS,
    '/sys/block/nvme0n1/removable': '0\n',
    '/sys/block/sda/removable': '0\n',
    '/sys/block/sdb/removable': '1\n',
    '/sys/block/sdc/removable': '0\n',
    '/sys/block/sdd/removable': '1\n',
    '/sys/block/mmcblk0/removable': '0\n',
    '/sys/block/mmcblk0/device/type': 'SD\n',
    '/sys/block/loop7/removable': '0\n',
  },
  dirs: {
    [`${SATA_HOST}/sda`]: { dev: 0 },
    [`${USB_HOST}/sdc`]: { dev: 0 },
    '/sys/devices/platform/soc/mmc_host/mmc0/mmc0:aaaa/block/mmcblk0': { dev: 0 },
  },
  links: {
    '/sys/block/sda': `${SATA_HOST}/sda`,
    '/sys/block/sdc': `${USB_HOST}/sdc`,
    '/sys/block/mmcblk0': '/sys/devices/platform/soc/mmc_host/mmc0/mmc0:aaaa/block/mmcblk0',
  },
});

describe('reading /proc/mounts', () => {
  it('splits fields and undoes the octal escapes for space, tab and backslash', () => {
    const [entry] = parseProcMounts('/dev/sdb1 /media/a/My\\040Stick\\011x\\134y vfat rw 0 0\n');
    expect(entry).toEqual({ device: '/dev/sdb1', mountPoint: '/media/a/My Stick\tx\\y', fsType: 'vfat' });
  });

  it('ignores blank and short lines', () => {
    expect(parseProcMounts('\n\nonly-one-field\n/dev/sda1 /\n')).toEqual([]);
  });

  it.each([
    ['/dev/sdb1', 'sdb'],
    ['/dev/sdb', 'sdb'],
    ['/dev/sdaa12', 'sdaa'],
    ['/dev/mmcblk0p1', 'mmcblk0'],
    ['/dev/nvme0n1p2', 'nvme0n1'],
    ['/dev/vdb1', 'vdb'],
    ['/dev/sr0', 'sr0'],
    ['/dev/mapper/luks-0f1e', null],
    ['/dev/dm-0', null],
  ])('maps %s to the disk %s', (device, disk) => {
    expect(diskNameOf(device)).toBe(disk);
  });
});

describe('removable volumes on Linux', () => {
  it('keeps plugged-in media, and leaves out root, system, internal, image and network mounts', async () => {
    expect(await linuxRemovableVolumes(SYSFS)).toEqual([
      { path: '/media/amina/KINGSTON', label: 'KINGSTON' },
      { path: '/run/media/joao/My Stick', label: 'My Stick' },
      { path: '/media/amina/SDCARD', label: 'SDCARD' },
      { path: '/media/amina/Secret', label: 'Secret' },
      { path: '/mnt/usb', label: 'usb' },
    ]);
  });

  it('accepts media mounts when sysfs cannot be read, but not /mnt mounts', async () => {
    const noSysfs = fakeDriveFs({ files: { '/proc/mounts': PROC_MOUNTS } });
    const paths = (await linuxRemovableVolumes(noSysfs)).map((v) => v.path);
    expect(paths).toContain('/media/amina/KINGSTON');
    expect(paths).toContain('/media/amina/Windows'); // nothing says it is internal
    expect(paths.filter((p) => p.startsWith('/mnt/'))).toEqual([]);
  });

  it('finds nothing on a machine with only system mounts', async () => {
    const fs = fakeDriveFs({ files: { '/proc/mounts': PROC_MOUNTS.split('\n').slice(0, 7).join('\n') } });
    expect(await linuxRemovableVolumes(fs)).toEqual([]);
  });

  it('rejects when /proc/mounts cannot be read (findRemovableVolumes turns that into none)', async () => {
    await expect(linuxRemovableVolumes(fakeDriveFs({}))).rejects.toThrow(/ENOENT/);
  });

  it('reads this machine without failing, offering only media and /mnt mounts', async () => {
    const volumes = await linuxRemovableVolumes(nodeDriveFs);
    for (const volume of volumes) expect(volume.path).toMatch(/^\/(media|run\/media|mnt)\//);
  });
});
