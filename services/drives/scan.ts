/**
 * Looks for .baraza files on removable volumes: the top level and up to two folders
 * down, which is where people put files they copy to a stick. It only finds them; the
 * caller inspects each with the pack store. Sticks are slow and sometimes failing, so
 * the walk is capped in files and time, and a folder that cannot be read is skipped.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RemovableVolume } from './types';

export interface FoundPack {
  readonly path: string;
  readonly size: number;
  readonly volumePath: string;
  readonly volumeLabel: string;
}

export interface ScanResult {
  readonly packs: FoundPack[];
  /** Why the walk stopped before seeing every folder in reach, or null if it saw them all. */
  readonly stopped: 'max-files' | 'time-budget' | null;
}

export interface ScanEntry {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}

/** The reads the walk makes; symbolic links count as neither file nor folder, so they are not followed. */
export interface ScanFs {
  list(dir: string): Promise<ScanEntry[]>;
  size(file: string): Promise<number>;
}

export interface ScanOptions {
  readonly maxFiles?: number;
  /** Folders below the volume root to descend into: 2 finds `E:\a\b\x.baraza`. */
  readonly maxDepth?: number;
  readonly timeBudgetMs?: number;
  readonly fs?: ScanFs;
}

const nodeScanFs: ScanFs = {
  list: async (dir) => (await readdir(dir, { withFileTypes: true })).map((d) => ({ name: d.name, isFile: d.isFile(), isDirectory: d.isDirectory() })),
  size: async (file) => (await stat(file)).size,
};

/** Folders the system keeps on a stick: trash, indexes, restore points. Never where packs are put. */
const SYSTEM_FOLDERS = new Set(['$recycle.bin', 'recycler', 'recycled', 'system volume information', 'lost+found', 'found.000']);

function skipFolder(name: string): boolean {
  // A leading dot hides .Trashes, .Spotlight-V100, .fseventsd, .Trash-1000; '$' hides Windows' own folders.
  return name.startsWith('.') || name.startsWith('$') || SYSTEM_FOLDERS.has(name.toLowerCase());
}

function isPackName(name: string): boolean {
  // "._x.baraza" is the resource-fork shadow macOS writes beside every file on a FAT stick.
  return !name.startsWith('.') && name.toLowerCase().endsWith('.baraza');
}

const TIMED_OUT = Symbol('timed out');

/** A read on a dying stick can block for a minute; stop waiting at the deadline and let it finish unobserved. */
async function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function scanForPacks(volumes: readonly RemovableVolume[], options: ScanOptions = {}): Promise<ScanResult> {
  const maxFiles = options.maxFiles ?? 200;
  const maxDepth = options.maxDepth ?? 2;
  const fs = options.fs ?? nodeScanFs;
  const deadline = Date.now() + (options.timeBudgetMs ?? 10_000);
  const packs: FoundPack[] = [];

  for (const volume of volumes) {
    // Breadth first, so packs at the top of a stick are found before the caps are reached.
    let level = [volume.path];
    for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
      const next: string[] = [];
      for (const dir of level) {
        if (Date.now() >= deadline) return { packs, stopped: 'time-budget' };
        const entries = await beforeDeadline(fs.list(dir).catch(() => null), deadline);
        if (entries === TIMED_OUT) return { packs, stopped: 'time-budget' };
        if (entries === null) continue; // unreadable: skip it, as a person would
        for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const path = join(dir, entry.name);
          if (entry.isDirectory && !skipFolder(entry.name)) next.push(path);
          if (!entry.isFile || !isPackName(entry.name)) continue;
          if (packs.length >= maxFiles) return { packs, stopped: 'max-files' };
          const size = await beforeDeadline(fs.size(path).catch(() => null), deadline);
          if (size === TIMED_OUT) return { packs, stopped: 'time-budget' };
          if (size !== null) packs.push({ path, size, volumePath: volume.path, volumeLabel: volume.label });
        }
      }
      level = next;
    }
  }
  return { packs, stopped: null };
}
