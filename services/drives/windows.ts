/**
 * Removable volumes on Windows: logical disks of DriveType 2 (USB sticks, SD cards).
 * PowerShell's CIM query is the supported way; wmic is the fallback for machines where
 * PowerShell is blocked or broken (wmic itself is gone from the newest Windows 11).
 */
import type { CommandRunner, RemovableVolume } from './types';

export const POWERSHELL_ARGS = [
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  // UTF-8 output, or a label such as "CLÉ USB" arrives in the console's code page.
  "[Console]::OutputEncoding = [Text.Encoding]::UTF8; Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=2' | Select-Object DeviceID,VolumeName | ConvertTo-Json",
] as const;

export const WMIC_ARGS = ['logicaldisk', 'where', 'drivetype=2', 'get', 'deviceid,volumename', '/format:csv'] as const;

const DRIVE = /^[A-Za-z]:$/;

function volume(deviceId: string, volumeName: unknown): RemovableVolume {
  const drive = deviceId.toUpperCase();
  const name = typeof volumeName === 'string' ? volumeName.trim() : '';
  // An unnamed stick is still recognisable by its letter.
  return { path: `${drive}\\`, label: name || drive };
}

/**
 * PowerShell prints nothing when there is no removable disk, one object for one disk, and an
 * array for several. Returns null when the output is not that shape, so the caller falls back.
 */
export function parsePowerShellDisks(stdout: string): RemovableVolume[] | null {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  if (text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const items: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  const volumes: RemovableVolume[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || !('DeviceID' in item)) return null;
    const { DeviceID: deviceId } = item;
    if (typeof deviceId !== 'string' || !DRIVE.test(deviceId)) return null;
    volumes.push(volume(deviceId, 'VolumeName' in item ? item.VolumeName : undefined));
  }
  return volumes;
}

/**
 * wmic's CSV: blank lines, a header `Node,DeviceID,VolumeName`, rows ending in \r\r\n,
 * sometimes UTF-16 (seen here as NULs between letters). Returns null when no header is found.
 */
export function parseWmicCsv(stdout: string): RemovableVolume[] | null {
  const lines = stdout.replace(/\0/g, '').replace(/^\uFEFF/, '').split(/\r*\n/).map((line) => line.trim()).filter((line) => line !== '');
  const headerAt = lines.findIndex((line) => /(^|,)DeviceID(,|$)/i.test(line));
  const header = lines[headerAt]?.split(',').map((h) => h.toLowerCase());
  if (!header) {
    // "No Instance(s) Available." is wmic's way of saying none.
    return lines.some((line) => /no instance/i.test(line)) ? [] : null;
  }
  const deviceAt = header.indexOf('deviceid');
  const nameAt = header.indexOf('volumename');
  const volumes: RemovableVolume[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    const fields = line.split(',');
    const deviceId = fields[deviceAt];
    if (!deviceId || !DRIVE.test(deviceId)) continue;
    // wmic does not quote; a label with commas spills over, and VolumeName is the last column.
    const name = nameAt < 0 ? '' : nameAt === header.length - 1 ? fields.slice(nameAt).join(',') : fields[nameAt];
    volumes.push(volume(deviceId, name));
  }
  return volumes;
}

/** Runs a command but never waits past `timeoutMs`, even if the runner itself hangs. */
async function runWithin(run: CommandRunner, file: string, args: readonly string[], timeoutMs: number): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<null>((resolve) => {
    // A little grace so the runner's own timeout, which also kills the process, normally wins.
    timer = setTimeout(() => resolve(null), timeoutMs + Math.min(1000, timeoutMs));
  });
  try {
    return await Promise.race([run(file, args, timeoutMs).catch(() => null), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export async function windowsRemovableVolumes(run: CommandRunner, timeoutMs: number): Promise<RemovableVolume[]> {
  const powershell = await runWithin(run, 'powershell.exe', POWERSHELL_ARGS, timeoutMs);
  const fromPowerShell = powershell === null ? null : parsePowerShellDisks(powershell);
  if (fromPowerShell) return fromPowerShell;
  const wmic = await runWithin(run, 'wmic', WMIC_ARGS, timeoutMs);
  return (wmic === null ? null : parseWmicCsv(wmic)) ?? [];
}
