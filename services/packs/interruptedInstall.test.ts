/**
 * An install killed outright (SIGKILL: a pulled plug, a dead battery) at many
 * moments leaves the store with the old version or the new one, complete, and
 * never a mix. The installing process is the real CLI, killed from outside.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSecretKeyFile, writeKeyPair } from '../keys/keyFiles';
import { listTree, makePack } from './packFixtures';
import { PackStore } from './store';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let work: string;
let v1: string;
let v2: string;
let publicKeyPath: string;
let key: Awaited<ReturnType<typeof readSecretKeyFile>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'baraza-kill-'));
  const pair = await writeKeyPair(join(work, 'keys'));
  publicKeyPath = pair.publicKeyPath;
  key = await readSecretKeyFile(pair.secretKeyPath);
  v1 = await makePack(work, key, { version: 1 });
  // Incompressible files make the new version big enough to take a while to install.
  const extra = new Map(Array.from({ length: 12 }, (_, i) => [`assets/blob-${i}.bin`, randomBytes(4 * 1024 * 1024)] as const));
  v2 = await makePack(work, key, { version: 2, extra });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/**
 * Starts the install and kills it `afterMs` after its extraction began (seen as a
 * folder appearing in staging), so every kill lands inside the install itself
 * rather than while the process is still starting.
 */
function installThenKill(storeDir: string, afterMs: number | null): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/bin.ts'), 'pack', 'install', v2, '--store', storeDir, '--trust', publicKeyPath], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    let timer: NodeJS.Timeout | undefined;
    const watch = setInterval(() => {
      void readdir(join(storeDir, 'staging')).then((names) => {
        if (names.length === 0 || timer || afterMs === null) return;
        clearInterval(watch);
        timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
      }, () => undefined);
    }, 2);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`install exited with ${code}`));
    });
  });
}

async function assertWhole(store: PackStore): Promise<number> {
  const pack = await store.get('demo');
  const dir = await store.packDir('demo');
  expect(pack && dir).toBeTruthy();
  for (const file of pack?.manifest.files ?? []) {
    const data = await readFile(join(dir ?? '', file.path));
    expect(createHash('sha256').update(data).digest('hex'), file.path).toBe(file.sha256);
  }
  return pack?.manifest.version ?? 0;
}

describe('an install killed part-way', () => {
  it('leaves the old version or the new one, whole, at every moment tried', async () => {
    const outcomes: { afterMs: number | null; run: string; version: number }[] = [];
    for (const afterMs of [0, 10, 30, 60, 100, 150, 220, 300, 400, 550, 750, null]) {
      const storeDir = join(work, `store-${afterMs}`);
      const first = await PackStore.open(storeDir, { appVersion: '1.0.0', trustedKeys: async () => [key.publicKey] });
      await first.install(v1);
      const run = await installThenKill(storeDir, afterMs);
      const reopened = await PackStore.open(storeDir, { appVersion: '1.0.0', trustedKeys: async () => [key.publicKey] });
      const version = await assertWhole(reopened);
      expect(await listTree(join(storeDir, 'staging'))).toEqual([]);
      expect((await listTree(join(storeDir, 'packs', 'demo'))).filter((p) => p.endsWith('installed.json'))).toHaveLength(1);
      outcomes.push({ afterMs, run, version });
    }
    // The test proves something only if some kills landed mid-install and the last run completed.
    expect(outcomes.some((o) => o.run === 'killed' && o.version === 1)).toBe(true);
    expect(outcomes.at(-1)).toMatchObject({ run: 'finished', version: 2 });
    process.stderr.write(`interrupted installs: ${JSON.stringify(outcomes)}\n`);
  }, 120_000);
});
