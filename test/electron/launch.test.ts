/**
 * Launches the real desktop app through Playwright's Electron driver. Electron
 * downloads its binary on first use; where that is impossible (no network) the
 * test is skipped and says so on stderr, rather than passing quietly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../core/host';
import { HOST_METHODS } from '../../core/host';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ELECTRON_PACKAGE = join(ROOT, 'node_modules', 'electron');

function installedBinary(): string | null {
  try {
    const binary = join(ELECTRON_PACKAGE, 'dist', readFileSync(join(ELECTRON_PACKAGE, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function obtainBinary(): string | null {
  const present = installedBinary();
  if (present) return present;
  const install = spawnSync(process.execPath, [join(ELECTRON_PACKAGE, 'install.js')], { cwd: ELECTRON_PACKAGE, timeout: 60_000, stdio: 'ignore' });
  return install.status === 0 ? installedBinary() : null;
}

const binary = obtainBinary();
const skipReason =
  binary === null
    ? 'the Electron binary could not be downloaded here (no network). It runs on any machine where `npx install-electron` succeeds.'
    : process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
      ? 'there is no display here. Run it under `xvfb-run -a`.'
      : null;
if (skipReason) process.stderr.write(`SKIPPED electron launch test: ${skipReason}\n`);

describe('the desktop app', () => {
  it.skipIf(skipReason !== null)('opens one isolated window whose UI reaches the host', async () => {
    if (binary === null) return;
    for (const built of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      expect(existsSync(join(ROOT, built)), `${built} is missing: run \`npm run build\` first`).toBe(true);
    }
    // A fresh profile: no saved window state, and no single-instance lock shared with a running Baraza.
    const userData = await mkdtemp(join(tmpdir(), 'baraza-electron-'));
    const rootOnLinux = process.platform === 'linux' && process.getuid?.() === 0;
    const app = await _electron.launch({
      executablePath: binary,
      args: [...(rootOnLinux ? ['--no-sandbox'] : []), `--user-data-dir=${userData}`, '.'],
      cwd: ROOT,
      timeout: 60_000,
    });
    try {
      const page = await app.firstWindow();
      await page.locator('#root > *').first().waitFor();
      expect(page.url()).toMatch(/^app:\/\/baraza\//);
      expect(await page.title()).toContain('Baraza');

      const world = await page.evaluate(() => {
        const baraza: unknown = Reflect.get(globalThis, 'baraza');
        const methods = typeof baraza === 'object' && baraza !== null ? Object.entries(baraza).map(([name, value]) => `${name}:${typeof value}`) : null;
        return { methods: methods?.sort() ?? null, require: typeof require, process: typeof process };
      });
      expect(world).toEqual({ methods: HOST_METHODS.map((m) => `${m}:function`).sort(), require: 'undefined', process: 'undefined' });

      const info = await page.evaluate(() => (Reflect.get(globalThis, 'baraza') as HostApi).appInfo());
      expect(info).toMatchObject({ host: 'electron', packBaseUrl: 'pack://' });
      const [firstPack] = await page.evaluate(() => (Reflect.get(globalThis, 'baraza') as HostApi).listPacks());
      if (firstPack) {
        const status = await page.evaluate(async (id) => (await fetch(`pack://${id}/pack.json`)).status, firstPack.id);
        expect(status).toBe(200);
      }

      // window.open is denied: no second window, nothing handed to the system browser.
      await page.evaluate(() => void Reflect.get(globalThis, 'open')('https://example.org/'));
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  });
});
