/**
 * Settings and profile management as a learner meets them: PIN, rename, text size,
 * delete with confirmation, in-page find, and storage that cannot be opened.
 */
import AxeBuilder from '@axe-core/playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import { learnerSession } from './harness';

const session = learnerSession();

beforeAll(async () => {
  await session.page.getByRole('heading', { name: 'Welcome to Baraza' }).waitFor();
  await session.app.createProfile('Amina');
  await session.app.addAnotherProfile('Baraka');
});

async function seriousA11yViolations(): Promise<string[]> {
  const results = await new AxeBuilder({ page: session.page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('profiles and settings', () => {
  it('protects a profile with a PIN that colleagues must type to switch to it', async () => {
    await session.app.nav('Settings');
    await session.page.getByLabel('Add a 4-digit PIN').fill('2468');
    await session.page.getByRole('button', { name: 'Save PIN' }).click();
    await session.page.getByText('The PIN was saved.').waitFor();
    await session.app.switchTo('Amina');
    await session.page.locator('.profile-button').click();
    await session.page.getByRole('menuitem', { name: /Switch to Baraka/ }).click();
    const dialog = session.page.getByRole('dialog', { name: 'Enter the PIN for Baraka' });
    await dialog.getByLabel('4-digit PIN').fill('1111');
    await dialog.getByRole('button', { name: 'Open profile' }).click();
    await dialog.getByText('That PIN is not correct. Try again.').waitFor();
    await dialog.getByLabel('4-digit PIN').fill('2468');
    await dialog.getByRole('button', { name: 'Open profile' }).click();
    await session.page.getByRole('heading', { name: 'Welcome back, Baraka' }).waitFor();
  });

  it('renames the profile and changes the text size for this learner only', async () => {
    await session.app.nav('Settings');
    await session.page.getByLabel('Your name').fill('Baraka M.');
    await session.page.getByRole('button', { name: 'Rename' }).click();
    await session.page.locator('.profile-button', { hasText: 'Baraka M.' }).waitFor();
    const before = await session.page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await session.page.getByLabel('Very large').check();
    await session.page.waitForFunction(() => document.documentElement.dataset.textSize === 'x-large');
    const after = await session.page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(after).toBeGreaterThan(before * 1.2);
    await session.app.switchTo('Amina');
    await session.page.waitForFunction(() => document.documentElement.dataset.textSize === 'medium');
  });

  it('finds words inside a guideline and steps through the matches', async () => {
    await session.app.nav('Guidelines');
    await session.page.getByRole('link', { name: /OECD/ }).first().click();
    await session.page.getByRole('navigation', { name: 'Contents' }).waitFor();
    const find = session.page.getByLabel('Find in this text');
    await find.fill('principles');
    const count = session.page.locator('.find-count');
    await expect(count.innerText()).resolves.toMatch(/^1 of \d+$/);
    await find.press('Enter');
    await expect(count.innerText()).resolves.toMatch(/^2 of \d+$/);
    await find.fill('zzqqxx');
    await expect(count.innerText()).resolves.toBe('No matches');
  });

  it('deletes a colleague’s profile only after confirmation, and Cancel keeps it', async () => {
    await session.app.nav('Settings');
    const row = session.page.locator('.profile-rows li', { hasText: 'Baraka M.' });
    await row.getByRole('button', { name: /Delete/ }).click();
    const dialog = session.page.getByRole('dialog', { name: 'Delete the profile “Baraka M.”?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(session.page.locator('.profile-rows li').count()).resolves.toBe(2);
    await row.getByRole('button', { name: /Delete/ }).click();
    await dialog.getByRole('button', { name: 'Delete profile' }).click();
    await row.waitFor({ state: 'detached' });
    await expect(session.page.locator('.profile-rows li').count()).resolves.toBe(1);
    await expect(session.page.locator('.profile-rows').innerText()).resolves.not.toContain('Baraka');
  });

  it('has no serious accessibility problems on the main screens, in English and Arabic', async () => {
    const screens = ['Home', 'Modules', 'Guidelines', 'Assessments', 'Progress', 'Settings'];
    for (const screen of screens) {
      await session.app.nav(screen);
      await session.page.waitForTimeout(150);
      expect(await seriousA11yViolations(), screen).toEqual([]);
    }
    for (const route of ['cases/robodebt', 'glossary', 'guides/impact-assessment-in-practice-guide', 'templates/algorithmic-impact-assessment']) {
      await session.page.goto(`${session.host.url}#/${route}`);
      await session.page.locator('main h1').first().waitFor();
      await session.page.waitForTimeout(150);
      expect(await seriousA11yViolations(), route).toEqual([]);
    }
    await session.app.nav('Settings');
    await session.app.setLanguage('العربية');
    await session.page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await session.page.goto(`${session.host.url}#/modules/ai-systems-and-actors/definition`);
    await session.page.locator('.step-count').waitFor();
    expect(await seriousA11yViolations(), 'module reader in Arabic').toEqual([]);
  });

  it('says in plain words when the browser allows no storage at all', async () => {
    // Some private or guest windows offer no IndexedDB; a second session.page stands in for one.
    const blocked = await session.context.newPage();
    await blocked.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    await blocked.goto(session.host.url);
    await blocked.getByRole('heading', { name: 'Baraza cannot open its saved data' }).waitFor();
    await expect(blocked.locator('main').innerText()).resolves.toContain('Private or guest browsing windows often block it');
    await expect(blocked.getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(true);
    await blocked.close();
  });
});
