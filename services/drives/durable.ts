/**
 * Writing to removable drives: the errors they give, in words a person can act on,
 * and making a finished file survive the stick being pulled out.
 */
import { open } from 'node:fs/promises';

export function errnoCode(err: unknown): string {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : '';
}

const DRIVE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOSPC: 'the drive is full',
  EROFS: 'the drive is read-only',
  EACCES: 'this account may not write there',
  EPERM: 'this account may not write there',
  ENOENT: 'the folder is not there (was the drive removed?)',
  ENOTDIR: 'the folder is not there (was the drive removed?)',
  EIO: 'the drive reported an error and may be failing',
};

/** Why a write failed, as a clause ("the drive is full"). */
export function driveProblem(err: unknown): string {
  return DRIVE_PROBLEMS[errnoCode(err)] ?? (err instanceof Error ? err.message : String(err));
}

/** Makes a rename in `dir` durable before the person pulls the stick; not every platform can open a folder. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}
