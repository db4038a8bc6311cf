import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanForPacks, type ScanFs } from './scan';

let work: string;
let stick: string;

async function put(path: string, bytes = 10): Promise<void> {
  await mkdir(dirname(join(stick, path)), { recursive: true });
  await writeFile(join(stick, path), Buffer.alloc(bytes));
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'baraza-scan-'));
  stick = join(work, 'KINGSTON');
  await mkdir(stick);
});

afterEach(async () => {
  await chmod(join(stick, 'locked'), 0o755).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

const names = (packs: readonly { path: string }[]): string[] => packs.map((p) => relative(stick, p.path));

describe('scanning a real folder tree', () => {
  it('finds packs at the top and two folders down, in any letter case, with sizes and the volume label', async () => {
    await put('top.baraza', 123);
    await put('UPPER.BARAZA');
    await put('notes.txt');
    await put('half.baraza.partial');
    await put('one/mid.Baraza');
    await put('one/two/deep.baraza');
    await put('one/two/three/too-deep.baraza');
    const result = await scanForPacks([{ path: stick, label: 'KINGSTON' }]);
    expect(result.stopped).toBeNull();
    expect(names(result.packs)).toEqual(['UPPER.BARAZA', 'top.baraza', 'one/mid.Baraza', 'one/two/deep.baraza']);
    expect(result.packs.find((p) => p.path.endsWith('top.baraza'))).toEqual({ path: join(stick, 'top.baraza'), size: 123, volumePath: stick, volumeLabel: 'KINGSTON' });
  });

  it('skips hidden and system folders, macOS shadow files, folders named .baraza and symbolic links', async () => {
    for (const folder of ['$RECYCLE.BIN', 'System Volume Information', '.Trashes', '.Spotlight-V100', '.Trash-1000', 'RECYCLER']) await put(`${folder}/x.baraza`);
    await put('._top.baraza');
    await put('top.baraza');
    await mkdir(join(stick, 'folder.baraza'));
    await symlink(join(stick, 'top.baraza'), join(stick, 'link.baraza'));
    await symlink(work, join(stick, 'loop'));
    expect(names((await scanForPacks([{ path: stick, label: 'KINGSTON' }])).packs)).toEqual(['top.baraza']);
  });

  it('honours a smaller depth', async () => {
    await put('top.baraza');
    await put('one/mid.baraza');
    expect(names((await scanForPacks([{ path: stick, label: 'K' }], { maxDepth: 0 })).packs)).toEqual(['top.baraza']);
  });

  it('scans several volumes and skips one that is gone', async () => {
    const other = join(work, 'SD');
    await mkdir(other);
    await writeFile(join(other, 'b.baraza'), 'x');
    await put('a.baraza');
    const result = await scanForPacks([
      { path: join(work, 'ejected'), label: 'gone' },
      { path: stick, label: 'KINGSTON' },
      { path: other, label: 'SD' },
    ]);
    expect(result.packs.map((p) => [p.volumeLabel, p.path])).toEqual([
      ['KINGSTON', join(stick, 'a.baraza')],
      ['SD', join(other, 'b.baraza')],
    ]);
  });

  it('stops at the file cap, keeping the packs nearest the top', async () => {
    await put('a.baraza');
    await put('b.baraza');
    await put('one/c.baraza');
    const result = await scanForPacks([{ path: stick, label: 'K' }], { maxFiles: 2 });
    expect(result).toMatchObject({ stopped: 'max-files' });
    expect(names(result.packs)).toEqual(['a.baraza', 'b.baraza']);
  });

  it('skips a folder it may not read', async (ctx) => {
    // root reads through mode 000, so the refusal cannot be produced here; the fake-fs test below covers it.
    if (process.getuid?.() === 0) ctx.skip();
    await put('locked/x.baraza');
    await put('top.baraza');
    await chmod(join(stick, 'locked'), 0o000);
    expect(names((await scanForPacks([{ path: stick, label: 'K' }])).packs)).toEqual(['top.baraza']);
  });
});

describe('scanning a stick that misbehaves', () => {
  const entry = (name: string, kind: 'file' | 'dir') => ({ name, isFile: kind === 'file', isDirectory: kind === 'dir' });

  it('skips folders and files whose reads fail', async () => {
    const fs: ScanFs = {
      list: async (dir) => {
        if (dir === '/s') return [entry('bad', 'dir'), entry('good', 'dir'), entry('vanished.baraza', 'file')];
        if (dir === '/s/good') return [entry('x.baraza', 'file')];
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
      size: async (file) => {
        if (file.includes('vanished')) throw new Error('ENOENT');
        return 5;
      },
    };
    expect(await scanForPacks([{ path: '/s', label: 'S' }], { fs })).toEqual({ packs: [{ path: '/s/good/x.baraza', size: 5, volumePath: '/s', volumeLabel: 'S' }], stopped: null });
  });

  it('gives up on a read that hangs once the time budget is spent, keeping what it found', async () => {
    const fs: ScanFs = {
      list: async (dir) => (dir === '/s' ? [entry('a.baraza', 'file'), entry('slow', 'dir')] : new Promise(() => undefined)),
      size: async () => 1,
    };
    const started = Date.now();
    const result = await scanForPacks([{ path: '/s', label: 'S' }], { fs, timeBudgetMs: 100 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toEqual({ packs: [{ path: '/s/a.baraza', size: 1, volumePath: '/s', volumeLabel: 'S' }], stopped: 'time-budget' });
  });
});
