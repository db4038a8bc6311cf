/**
 * Bundles the main process and the preload into one CommonJS file each. The
 * preload runs sandboxed, where `require` only knows 'electron', so everything
 * else it uses must be inside the bundle.
 */
import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const shared = {
  absWorkingDir: REPO_ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  sourcemap: false,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Writes `main.cjs` and `preload.cjs` into `outDir`; main finds the preload beside itself. */
export async function bundleElectron(outDir: string): Promise<void> {
  await Promise.all([
    build({ ...shared, entryPoints: ['electron/main.ts'], outfile: join(outDir, 'main.cjs'), target: 'node22' }),
    build({ ...shared, entryPoints: ['electron/preload.ts'], outfile: join(outDir, 'preload.cjs'), target: 'chrome130' }),
  ]);
}
