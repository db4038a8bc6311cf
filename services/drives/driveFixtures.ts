/** An in-memory DriveFs for tests: files with text, folders with a device id, and symbolic links. */
import type { DriveFs } from './types';

export interface FakeTree {
  readonly files?: Readonly<Record<string, string>>;
  readonly dirs?: Readonly<Record<string, { readonly dev: number; readonly entries?: readonly string[] }>>;
  /** Path → what it resolves to. */
  readonly links?: Readonly<Record<string, string>>;
}

function missing(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });
}

export function fakeDriveFs(tree: FakeTree): DriveFs {
  const files = tree.files ?? {};
  const dirs = tree.dirs ?? {};
  const links = tree.links ?? {};
  const exists = (path: string): boolean => path in files || path in dirs;
  return {
    readText: async (path) => {
      const text = files[links[path] ?? path];
      if (text === undefined) throw missing(path);
      return text;
    },
    readdir: async (path) => {
      const dir = dirs[path];
      if (!dir) throw missing(path);
      return [...(dir.entries ?? [])];
    },
    realpath: async (path) => {
      const target = links[path] ?? path;
      if (!exists(target)) throw missing(path);
      return target;
    },
    stat: async (path) => {
      const target = links[path] ?? path;
      const dir = dirs[target];
      if (dir) return { dev: dir.dev, isDirectory: true };
      if (target in files) return { dev: 0, isDirectory: false };
      throw missing(path);
    },
  };
}
