/**
 * Settings and profile management as a learner meets them: PIN, rename, text size,
 * delete with confirmation, in-page find, and storage that cannot be opened.
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { LearnerApp } from './app';
import { launch, newProfileDir, openApp, removeDir, startHost, type RunningHost } from './harness';

let host: RunningHost;
let dir: string;
let context: BrowserContext;
let page: Page;
let app: LearnerApp;

beforeAll(async () => {
  host = await startHost();
  dir = await newProfileDir();
  context = await launch(dir);
  page = await openApp(context, host.url);
  app = new LearnerApp(page);
  await page.getByRole('heading', { name: 'Welcome to Baraza' }).waitFor();
  await app.createProfile('Amina');
  await app.addAnotherProfile('Baraka');
});

afterAll(async () => {
  await context?.close();
  await host?.close();
  await removeDir(dir);
});

async function seriousA11yViolations(): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('profiles and settings', () => {
  it('protects a profile with a PIN that colleagues must type to switch to it', async () => {
    await app.nav('Settings');
    await page.getByLabel('Add a 4-digit PIN').fill('2468');
    await page.getByRole('button', { name: 'Save PIN' }).click();
    await page.getByText('The PIN was saved.').waitFor();
    await app.switchTo('Amina');
    await page.locator('.profile-button').click();
    await page.getByRole('menuitem', { name: /Switch to Baraka/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Enter the PIN for Baraka' });
    await dialog.getByLabel('4-digit PIN').fill('1111');
    await dialog.getByRole('button', { name: 'Open profile' }).click();
    await dialog.getByText('That PIN is not correct. Try again.').waitFor();
    await dialog.getByLabel('4-digit PIN').fill('2468');
    await dialog.getByRole('button', { name: 'Open profile' }).click();
    await page.getByRole('heading', { name: 'Welcome back, Baraka' }).waitFor();
  });

  it('renames the profile and changes the text size for this learner only', async () => {
    await app.nav('Settings');
    await page.getByLabel('Your name').fill('Baraka M.');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.locator('.profile-button', { hasText: 'Baraka M.' }).waitFor();
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await page.getByLabel('Very large').check();
    await page.waitForFunction(() => document.documentElement.dataset.textSize === 'x-large');
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(after).toBeGreaterThan(before * 1.2);
    await app.switchTo('Amina');
    await page.waitForFunction(() => document.documentElement.dataset.textSize === 'medium');
  });

  it('finds words inside a guideline and steps through the matches', async () => {
    await app.nav('Guidelines');
    await page.getByRole('link', { name: /OECD/ }).first().click();
    await page.getByRole('navigation', { name: 'Contents' }).waitFor();
    const find = page.getByRole('searchbox');
    await find.fill('principles');
    const count = page.locator('.find-count');
    await expect(count.innerText()).resolves.toMatch(/^1 of \d+$/);
    await find.press('Enter');
    await expect(count.innerText()).resolves.toMatch(/^2 of \d+$/);
    await find.fill('zzqqxx');
    await expect(count.innerText()).resolves.toBe('No matches');
  });

  it('deletes a colleague’s profile only after confirmation, and Cancel keeps it', async () => {
    await app.nav('Settings');
    const row = page.locator('.profile-rows li', { hasText: 'Baraka M.' });
    await row.getByRole('button', { name: /Delete/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the profile “Baraka M.”?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('.profile-rows li').count()).resolves.toBe(2);
    await row.getByRole('button', { name: /Delete/ }).click();
    await dialog.getByRole('button', { name: 'Delete profile' }).click();
    await row.waitFor({ state: 'detached' });
    await expect(page.locator('.profile-rows li').count()).resolves.toBe(1);
    await expect(page.locator('.profile-rows').innerText()).resolves.not.toContain('Baraka');
  });

  it('has no serious accessibility problems on the main screens, in English and Arabic', async () => {
    const screens = ['Home', 'Modules', 'Guidelines', 'Assessments', 'Progress', 'Settings'];
    for (const screen of screens) {
      await app.nav(screen);
      await page.waitForTimeout(150);
      expect(await seriousA11yViolations(), screen).toEqual([]);
    }
    await app.setLanguage('العربية');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.goto(`${host.url}#/modules/what-is-an-ai-system/definition`);
    await page.locator('.step-count').waitFor();
    expect(await seriousA11yViolations(), 'module reader in Arabic').toEqual([]);
  });

  it('says in plain words when the browser allows no storage at all', async () => {
    // Some private or guest windows offer no IndexedDB; a second page stands in for one.
    const blocked = await context.newPage();
    await blocked.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    await blocked.goto(host.url);
    await blocked.getByRole('heading', { name: 'Baraza cannot open its saved data' }).waitFor();
    await expect(blocked.locator('main').innerText()).resolves.toContain('Private or guest browsing windows often block it');
    await expect(blocked.getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(true);
    await blocked.close();
  });
});
