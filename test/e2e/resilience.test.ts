/**
 * Damaged content and keyboard-only use: a broken file shows a clear message in
 * the learner's language where its text would be, and everything else works.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { learnerSession } from './harness';

/** Damages installed files the way a failing disk would, after the signed pack was installed. */
const session = learnerSession(async (dataDir) => {
  const packs = join(dataDir, 'pack-store', 'packs', 'ai-governance');
  const pack = join(packs, (await readFile(join(packs, 'current'), 'utf8')).trim());
  await writeFile(join(pack, 'en/modules/international-landscape.json'), '{"id": "international-landscape", "title": ');
  await writeFile(join(pack, 'fr/modules/international-landscape.json'), '{"id": "international-landscape", "title": ');
  await rm(join(pack, 'en/guidelines/oecd-ai-principles.json'));
  await rm(join(pack, 'fr/guidelines/oecd-ai-principles.json'));
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
    await session.page.getByRole('heading', { name: 'Welcome to Baraza' }).waitFor();
    await session.page.getByLabel('Your name').focus();
    await session.page.keyboard.type('Chidi');
    await session.page.keyboard.press('Enter');
    await session.page.getByRole('heading', { name: 'Welcome back, Chidi' }).waitFor();
    await tabTo(session.page, 'Modules');
    await session.page.keyboard.press('Enter');
    await session.page.getByRole('heading', { level: 1, name: 'Modules' }).waitFor();
    await tabTo(session.page, 'AI systems and the actors responsible for them');
    await session.page.keyboard.press('Enter');
    await session.page.getByText('Section 1 of 6').waitFor();
    await tabTo(session.page, 'Mark as done and continue', 80);
    await session.page.keyboard.press('Enter');
    await session.page.getByText('Section 2 of 6').waitFor();
  });

  it('shows the damaged module as unavailable and keeps the other one working', async () => {
    await session.app.nav('Modules');
    const cards = session.page.locator('.item-card');
    await expect.poll(() => cards.nth(0).innerText()).toContain('AI systems and the actors responsible for them');
    await cards.nth(1).getByText('This text could not be opened.').waitFor();
    await expect(cards.nth(1).innerText()).resolves.toContain('Reinstall the content pack');
  });

  it('says so in the learner’s language, where the missing guideline would be', async () => {
    await session.app.nav('Settings');
    await session.app.setLanguage('Français');
    await session.page.waitForFunction(() => document.documentElement.lang === 'fr');
    await session.page.goto(`${session.host.url}#/guidelines/oecd-ai-principles`);
    await session.page.getByText('Impossible d’ouvrir ce texte.').waitFor();
    await session.page.goto(`${session.host.url}#/guidelines/unesco-ethics-recommendation`);
    await session.page.getByRole('heading', { level: 1 }).waitFor();
    await expect(session.app.h1()).resolves.toMatch(/UNESCO/);
  });
});
