/**
 * What the drive scan reads from the operating system, as small interfaces so each
 * platform's logic is tested on any machine with fixtures instead of real drives.
 */

/** A mounted removable volume: where it is mounted and the name a person would recognise. */
export interface RemovableVolume {
  readonly path: string;
  readonly label: string;
}

export interface DriveStat {
  /** Id of the file system the path lives on: differs from its parent's at a mount point. */
  readonly dev: number;
  readonly isDirectory: boolean;
}

/** The few file-system reads volume discovery needs. Every method may reject. */
export interface DriveFs {
  readText(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<DriveStat>;
}

/**
 * Runs a program (no shell) and resolves with its standard output; rejects on a
 * non-zero exit, a failure to start, or when `timeoutMs` passes.
 */
export type CommandRunner = (file: string, args: readonly string[], timeoutMs: number) => Promise<string>;

export interface VolumeDeps {
  readonly fs: DriveFs;
  readonly run: CommandRunner;
  /** Per command; PowerShell alone can take several seconds to start on an old laptop. */
  readonly commandTimeoutMs: number;
}
