import { describe, expect, it } from 'vitest';
import type { CommandRunner } from './types';
import { parsePowerShellDisks, parseWmicCsv, POWERSHELL_ARGS, windowsRemovableVolumes, WMIC_ARGS } from './windows';

type Answer = string | Error | 'hang';

/** A runner that answers PowerShell and wmic from fixtures and records what was run. */
function fakeRunner(answers: { powershell?: Answer; wmic?: Answer }): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  const run = async (file: string, args: readonly string[]): Promise<string> => {
    calls.push([file, ...args]);
    const answer = file === 'powershell.exe' ? answers.powershell : file === 'wmic' ? answers.wmic : undefined;
    if (answer === undefined) throw new Error(`${file} is not recognized as an internal or external command`);
    if (answer === 'hang') return new Promise<string>(() => undefined);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(run, { calls });
}

const TWO_DISKS = '[\r\n    {\r\n        "DeviceID":  "E:",\r\n        "VolumeName":  "KINGSTON"\r\n    },\r\n    {\r\n        "DeviceID":  "F:",\r\n        "VolumeName":  "CLÉ USB"\r\n    }\r\n]\r\n';
const ONE_DISK_NO_NAME = '\uFEFF{\r\n    "DeviceID":  "g:",\r\n    "VolumeName":  null\r\n}\r\n';
const WMIC_CSV = '\r\r\nNode,DeviceID,VolumeName\r\r\nLAPTOP-7,E:,KINGSTON\r\r\nLAPTOP-7,F:,Course, week 2\r\r\nLAPTOP-7,G:,\r\r\n';

describe('parsing PowerShell output', () => {
  it('reads an array, a single object, and no output at all', () => {
    expect(parsePowerShellDisks(TWO_DISKS)).toEqual([
      { path: 'E:\\', label: 'KINGSTON' },
      { path: 'F:\\', label: 'CLÉ USB' },
    ]);
    expect(parsePowerShellDisks(ONE_DISK_NO_NAME)).toEqual([{ path: 'G:\\', label: 'G:' }]);
    expect(parsePowerShellDisks('\r\n')).toEqual([]);
  });

  it.each([
    ['an error message', "Get-CimInstance : Access denied\r\nAt line:1 char:1"],
    ['JSON of another shape', '{"Name": "E:"}'],
    ['a device id that is not a drive letter', '{"DeviceID": "\\\\\\\\?\\\\Volume{1}", "VolumeName": "x"}'],
    ['null', 'null'],
    ['truncated JSON', TWO_DISKS.slice(0, 40)],
  ])('refuses %s, so the caller falls back', (_name, output) => {
    expect(parsePowerShellDisks(output)).toBeNull();
  });
});

describe('parsing wmic CSV', () => {
  it('reads rows, keeps commas in the last column, and names an unlabelled drive by its letter', () => {
    expect(parseWmicCsv(WMIC_CSV)).toEqual([
      { path: 'E:\\', label: 'KINGSTON' },
      { path: 'F:\\', label: 'Course, week 2' },
      { path: 'G:\\', label: 'G:' },
    ]);
  });

  it('reads UTF-16 output seen as text with NULs', () => {
    const utf16 = Buffer.from(WMIC_CSV, 'utf16le').toString('latin1');
    expect(parseWmicCsv(utf16)).toHaveLength(3);
  });

  it('reads "no instances" as none and anything else unknown as a failure', () => {
    expect(parseWmicCsv('No Instance(s) Available.\r\r\n')).toEqual([]);
    expect(parseWmicCsv('')).toBeNull();
    expect(parseWmicCsv('Invalid GET Expression.\r\n')).toBeNull();
  });
});

describe('removable volumes on Windows', () => {
  it('asks PowerShell for DriveType 2 and does not run wmic when it answers', async () => {
    const run = fakeRunner({ powershell: TWO_DISKS, wmic: WMIC_CSV });
    expect((await windowsRemovableVolumes(run, 1000)).map((v) => v.path)).toEqual(['E:\\', 'F:\\']);
    expect(run.calls).toEqual([['powershell.exe', ...POWERSHELL_ARGS]]);
    expect(POWERSHELL_ARGS).toContain('-NoProfile');
    expect(POWERSHELL_ARGS.at(-1)).toContain("Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=2' | Select-Object DeviceID,VolumeName | ConvertTo-Json");
  });

  it('trusts an empty PowerShell answer: no removable drive is plugged in', async () => {
    const run = fakeRunner({ powershell: '', wmic: WMIC_CSV });
    expect(await windowsRemovableVolumes(run, 1000)).toEqual([]);
    expect(run.calls).toHaveLength(1);
  });

  it.each([
    ['exits with an error', new Error('Command failed: powershell.exe')],
    ['prints garbage', '\u0000\u0007 Windows PowerShell has stopped working'],
    ['is not installed', undefined],
    ['times out', Object.assign(new Error('spawn powershell.exe ETIMEDOUT'), { killed: true, signal: 'SIGKILL' })],
  ])('falls back to wmic when PowerShell %s', async (_name, powershell) => {
    const run = fakeRunner({ ...(powershell === undefined ? {} : { powershell }), wmic: WMIC_CSV });
    expect((await windowsRemovableVolumes(run, 1000)).map((v) => v.label)).toEqual(['KINGSTON', 'Course, week 2', 'G:']);
    expect(run.calls[1]).toEqual(['wmic', ...WMIC_ARGS]);
  });

  it('stops waiting for a runner that hangs, and still asks wmic', async () => {
    const run = fakeRunner({ powershell: 'hang', wmic: WMIC_CSV });
    const started = Date.now();
    expect(await windowsRemovableVolumes(run, 30)).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('finds none when both commands fail, without throwing', async () => {
    expect(await windowsRemovableVolumes(fakeRunner({ powershell: 'garbage', wmic: 'garbage' }), 1000)).toEqual([]);
    expect(await windowsRemovableVolumes(fakeRunner({ powershell: 'hang', wmic: 'hang' }), 20)).toEqual([]);
    expect(await windowsRemovableVolumes(fakeRunner({}), 1000)).toEqual([]);
  });
});
