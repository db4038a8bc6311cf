/**
 * End-to-end harness: the real web host on 127.0.0.1 serving the built app, and
 * real Chromium through playwright-core. Each test gets its own profile folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createWebHost } from '../../hub/webHost';
import { APP_VERSION } from '../../services/appVersion';
import { openLibrary } from '../../services/packs/library';
import { LearnerApp } from './app';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's Chromium where present (CI installs it), otherwise a Chromium that Playwright already has. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// Flags that let Chromium run as root on a machine with no network.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface RunningHost {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The web host over its own data folder, into which the packs the build bundled
 * (dist/packs/*.baraza, signed by the build key in dist/keys) are installed as on
 * a first start.
 */
export async function startHost(options: { dataDir: string }): Promise<RunningHost> {
  const { library, bundled } = await openLibrary({ dataDir: options.dataDir, bundleDir: join(ROOT, 'dist'), appVersion: APP_VERSION });
  const failed = bundled.filter((b) => b.outcome === 'failed');
  if (bundled.length === 0 || failed.length > 0) throw new Error(`bundled packs did not install (run \`npm run build\` first): ${JSON.stringify(bundled)}`);
  const server = createWebHost({ rendererRoot: join(ROOT, 'dist/renderer'), library, uploadDir: join(options.dataDir, 'uploads'), version: 'test' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function newProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'baraza-e2e-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function launch(profileDir: string, locale = 'en-US'): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    ...(CHROMIUM ? { executablePath: CHROMIUM } : {}),
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    viewport: { width: 1280, height: 860 },
  });
}

export async function openApp(context: BrowserContext, url: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

export interface LearnerSession {
  readonly host: RunningHost;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly app: LearnerApp;
  /** Closes the browser and starts it again on the same profile folder. */
  restart(): Promise<void>;
}

/**
 * One web host with its own data folder and one browser with its own profile
 * folder for a test file, started before its tests and removed after. `damage`
 * may then alter the installed packs, as a failing disk would.
 */
export function learnerSession(damage?: (dataDir: string) => Promise<void>): LearnerSession {
  let host: RunningHost | undefined;
  let dir = '';
  let dataDir = '';
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const open = async (): Promise<void> => {
    context = await launch(dir);
    page = await openApp(context, host?.url ?? '');
  };
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'baraza-e2e-data-'));
    host = await startHost({ dataDir });
    await damage?.(dataDir);
    dir = await newProfileDir();
    await open();
  });
  afterAll(async () => {
    await context?.close();
    await host?.close();
    await removeDir(dir);
    await removeDir(dataDir);
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the session has not started');
    return value;
  };
  return {
    get host() {
      return need(host);
    },
    get context() {
      return need(context);
    },
    get page() {
      return need(page);
    },
    get app() {
      return new LearnerApp(need(page));
    },
    restart: async () => {
      await context?.close();
      await open();
    },
  };
}
