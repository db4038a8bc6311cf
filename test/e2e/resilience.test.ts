/**
 * Damaged content and keyboard-only use: a broken file shows a clear message in
 * the learner's language where its text would be, and everything else works.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { LearnerApp } from './app';
import { launch, newProfileDir, openApp, removeDir, ROOT, startHost, type RunningHost } from './harness';

let packs: string;
let host: RunningHost;
let dir: string;
let context: BrowserContext;
let page: Page;
let app: LearnerApp;

beforeAll(async () => {
  packs = await mkdtemp(join(tmpdir(), 'baraza-broken-packs-'));
  await cp(join(ROOT, 'dist/packs'), packs, { recursive: true });
  const pack = join(packs, 'baraza-starter');
  await writeFile(join(pack, 'en/modules/international-landscape.json'), '{"id": "international-landscape", "title": ');
  await writeFile(join(pack, 'fr/modules/international-landscape.json'), '{"id": "international-landscape", "title": ');
  await rm(join(pack, 'en/guidelines/oecd-ai-principles.json'));
  await rm(join(pack, 'fr/guidelines/oecd-ai-principles.json'));
  host = await startHost({ packsRoot: packs });
  dir = await newProfileDir();
  context = await launch(dir);
  page = await openApp(context, host.url);
  app = new LearnerApp(page);
});

afterAll(async () => {
  await context?.close();
  await host?.close();
  await removeDir(dir);
  await removeDir(packs);
});

async function tabTo(target: Page, label: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await target.keyboard.press('Tab');
    const text = await target.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
    if (text === label) return;
  }
  throw new Error(`Tab never reached "${label}"`);
}

describe('with damaged content', () => {
  it('can be used from the keyboard alone: create a profile, open a module, mark a section done', async () => {
    await page.getByRole('heading', { name: 'Welcome to Baraza' }).waitFor();
    await page.getByLabel('Your name').focus();
    await page.keyboard.type('Chidi');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Welcome back, Chidi' }).waitFor();
    await tabTo(page, 'Modules');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Modules' }).waitFor();
    await tabTo(page, 'What is an AI system?');
    await page.keyboard.press('Enter');
    await page.getByText('Section 1 of 4').waitFor();
    await tabTo(page, 'Mark as done and continue', 80);
    await page.keyboard.press('Enter');
    await page.getByText('Section 2 of 4').waitFor();
  });

  it('shows the damaged module as unavailable and keeps the other one working', async () => {
    await app.nav('Modules');
    const cards = page.locator('.item-card');
    await expect(cards.nth(0).innerText()).resolves.toContain('What is an AI system?');
    await cards.nth(1).getByText('This text could not be opened.').waitFor();
    await expect(cards.nth(1).innerText()).resolves.toContain('Reinstall the content pack');
  });

  it('says so in the learner’s language, where the missing guideline would be', async () => {
    await app.nav('Settings');
    await app.setLanguage('Français');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.goto(`${host.url}#/guidelines/oecd-ai-principles`);
    await page.getByText('Impossible d’ouvrir ce texte.').waitFor();
    await page.goto(`${host.url}#/guidelines/unesco-ethics-recommendation`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect(app.h1()).resolves.toMatch(/UNESCO/);
  });
});
