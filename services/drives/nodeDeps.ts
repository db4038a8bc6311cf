/** The real file system and process runner behind the drive scan's small interfaces. */
import { execFile } from 'node:child_process';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { CommandRunner, DriveFs, VolumeDeps } from './types';

export const nodeDriveFs: DriveFs = {
  readText: (path) => readFile(path, 'utf8'),
  readdir: (path) => readdir(path),
  realpath: (path) => realpath(path),
  stat: async (path) => {
    const s = await stat(path);
    return { dev: s.dev, isDirectory: s.isDirectory() };
  },
};

export const runCommand: CommandRunner = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    // windowsHide keeps a console window from flashing up on every scan.
    execFile(file, [...args], { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 1024 * 1024, encoding: 'utf8' }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout);
    });
  });

export const nodeVolumeDeps: VolumeDeps = { fs: nodeDriveFs, run: runCommand, commandTimeoutMs: 15_000 };
