/**
 * A learner's first days, in real Chromium against the real web host: first
 * start, two colleagues on one laptop, six languages, reading, a quiz, and a
 * restart of the browser on the same profile folder.
 */
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
});

afterAll(async () => {
  await context?.close();
  await host?.close();
  await removeDir(dir);
});

describe('a learner on a shared laptop', () => {
  it('is welcomed on first start and creates a profile', async () => {
    await page.getByRole('heading', { name: 'Welcome to Baraza' }).waitFor();
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Please enter a name');
    await app.createProfile('Amina');
    await expect(page.getByRole('link', { name: 'Start the first module' }).isVisible()).resolves.toBe(true);
  });

  it('reads a module section by section, and the reader remembers where', async () => {
    await page.getByRole('link', { name: 'Start the first module' }).click();
    await expect(app.h1()).resolves.toBe('What counts as an AI system');
    await expect(page.getByText('Section 1 of 4').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Mark as done and continue' }).click();
    await page.getByText('Section 2 of 4').waitFor();
    await page.getByRole('button', { name: 'Mark as done and continue' }).click();
    await page.getByText('Section 3 of 4').waitFor();
    await expect(page.locator('.section-list .read').count()).resolves.toBe(2);
    const scrolled = await page.evaluate(() => {
      window.scrollTo(0, 400);
      return window.scrollY;
    });
    expect(scrolled, 'the section is long enough to scroll').toBeGreaterThan(50);
    await page.waitForTimeout(700);
    await app.nav('Home');
    await expect(page.getByRole('heading', { name: 'Continue where you left off' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.continue-card').innerText()).resolves.toContain('What is an AI system?');
    await page.getByRole('link', { name: 'Continue reading' }).click();
    await page.getByText('Section 3 of 4').waitFor();
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled);
  });

  it('completes the module and sees it on the module list and progress', async () => {
    await page.getByRole('button', { name: 'Mark as done and continue' }).click();
    await page.getByText('Section 4 of 4').waitFor();
    await page.getByRole('button', { name: 'Mark as done', exact: true }).click();
    await page.getByText('You have completed this module.').waitFor();
    await app.nav('Modules');
    await expect(page.locator('.item-card').first().innerText()).resolves.toContain('Completed');
    await app.nav('Progress');
    await expect(page.locator('main').innerText()).resolves.toContain('1 of 2 modules completed');
  });

  it('takes a quiz, is told which answers are missing, then sees a score with feedback', async () => {
    await app.nav('Assessments');
    await page.getByRole('link', { name: /What is an AI system\?/ }).click();
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/6 questions have no answer yet/);
    for (const fieldset of await page.locator('fieldset').all()) {
      await fieldset.locator('input').first().check();
    }
    await page.getByRole('button', { name: 'Submit answers' }).click();
    const result = page.locator('#quiz-result');
    await result.waitFor();
    await expect(result.innerText()).resolves.toMatch(/\d of 6 correct/);
    expect(await page.locator('.feedback').count()).toBe(6);
    await expect(page.getByRole('heading', { name: 'Your attempts' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('table.history tbody tr').count()).toBe(1);
  });

  it('a second colleague starts from nothing and sees none of the first one’s progress', async () => {
    await app.addAnotherProfile('Baraka');
    await expect(page.getByRole('heading', { name: 'Start learning' }).isVisible()).resolves.toBe(true);
    await app.nav('Progress');
    await expect(page.locator('main').innerText()).resolves.toContain('0 of 2 modules completed');
    await app.nav('Assessments');
    await page.getByRole('heading', { level: 1, name: 'Assessments' }).waitFor();
    await expect(page.getByText('Not taken yet').count()).resolves.toBe(2);
  });

  it('shows the whole interface in each language, Arabic right to left', async () => {
    await app.nav('Settings');
    const expectations: [string, string, string, 'ltr' | 'rtl'][] = [
      ['Français', 'fr', 'Paramètres', 'ltr'],
      ['Español', 'es', '', 'ltr'],
      ['Português', 'pt', '', 'ltr'],
      ['Kiswahili', 'sw', '', 'ltr'],
      ['العربية', 'ar', '', 'rtl'],
    ];
    for (const [name, code, , dir] of expectations) {
      await app.setLanguage(name);
      await page.waitForFunction((c) => document.documentElement.lang === c, code);
      expect(await app.htmlAttributes()).toEqual({ lang: code, dir });
      const navText = await page.getByRole('navigation').first().innerText();
      expect(navText, `${code} navigation is translated`).not.toContain('Settings');
    }
    const navBox = await page.getByRole('navigation').first().boundingBox();
    const profileBox = await page.locator('.profile-button').boundingBox();
    expect(profileBox && navBox && profileBox.x < navBox.x, 'in Arabic the profile button sits on the left').toBe(true);
    // The starter pack has no Arabic yet: the English text is marked as such and laid out left to right.
    await page.goto(`${host.url}#/modules/what-is-an-ai-system/definition`);
    await page.locator('.fallback-note').waitFor();
    await expect(page.locator('.fallback-note').innerText()).resolves.toContain('English');
    await expect(page.locator('.reader-body h1').evaluate((h) => getComputedStyle(h).direction)).resolves.toBe('ltr');
    await expect(page.locator('.step-count').evaluate((p) => getComputedStyle(p).direction)).resolves.toBe('rtl');
    await page.goto(`${host.url}#/settings`);
    await page.locator('#language-picker').waitFor();
    await app.setLanguage('English');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  });

  it('keeps everything after the browser is closed and started again on the same folder', async () => {
    await app.switchTo('Amina');
    await context.close();
    context = await launch(dir);
    page = await openApp(context, host.url);
    app = new LearnerApp(page);
    await page.getByRole('heading', { name: 'Welcome back, Amina' }).waitFor();
    await app.nav('Progress');
    await expect(page.locator('main').innerText()).resolves.toContain('1 of 2 modules completed');
    await app.nav('Assessments');
    await page.getByRole('link', { name: /What is an AI system\?/ }).click();
    expect(await page.locator('table.history tbody tr').count()).toBe(1);
  });
});
