/**
 * A learner's first days, in real Chromium against the real web host: first
 * start, two colleagues on one laptop, six languages, reading, a quiz, and a
 * restart of the browser on the same profile folder.
 */
import { describe, expect, it } from 'vitest';
import { learnerSession } from './harness';

const session = learnerSession();

describe('a learner on a shared laptop', () => {
  it('is welcomed on first start and creates a profile', async () => {
    await session.page.getByRole('heading', { name: 'Welcome to Baraza' }).waitFor();
    await session.page.getByRole('button', { name: 'Create profile' }).click();
    await expect(session.page.getByRole('alert').innerText()).resolves.toContain('Please enter a name');
    await session.app.createProfile('Amina');
    await expect(session.page.getByRole('link', { name: 'Start the first module' }).isVisible()).resolves.toBe(true);
  });

  it('reads a module section by section, and the reader remembers where', async () => {
    await session.page.getByRole('link', { name: 'Start the first module' }).click();
    await expect(session.app.h1()).resolves.toBe('What makes a system "AI"');
    await expect(session.page.getByText('Section 1 of 6').isVisible()).resolves.toBe(true);
    await session.page.getByRole('button', { name: 'Mark as done and continue' }).click();
    await session.page.getByText('Section 2 of 6').waitFor();
    await session.page.getByRole('button', { name: 'Mark as done and continue' }).click();
    await session.page.getByText('Section 3 of 6').waitFor();
    await expect.poll(() => session.page.locator('.section-list .read').count()).toBe(2);
    const scrolled = await session.page.evaluate(() => {
      window.scrollTo(0, 400);
      return window.scrollY;
    });
    expect(scrolled, 'the section is long enough to scroll').toBeGreaterThan(50);
    await session.page.waitForTimeout(700);
    await session.app.nav('Home');
    await expect(session.page.getByRole('heading', { name: 'Continue where you left off' }).isVisible()).resolves.toBe(true);
    await expect.poll(() => session.page.locator('.continue-card').innerText()).toContain('AI systems and the actors responsible for them');
    await session.page.getByRole('link', { name: 'Continue reading' }).click();
    await session.page.getByText('Section 3 of 6').waitFor();
    await session.page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled);
  });

  it('completes the module and sees it on the module list and progress', async () => {
    for (const n of [4, 5, 6]) {
      await session.page.getByRole('button', { name: 'Mark as done and continue' }).click();
      await session.page.getByText(`Section ${n} of 6`).waitFor();
    }
    await session.page.getByRole('button', { name: 'Mark as done', exact: true }).click();
    await session.page.getByText('You have completed this module.').waitFor();
    await session.app.nav('Modules');
    await expect.poll(() => session.page.locator('.item-card').first().innerText()).toContain('Completed');
    await session.app.nav('Progress');
    await expect(session.page.locator('main').innerText()).resolves.toContain('1 of 10 modules completed');
  });

  it('takes a quiz, is told which answers are missing, then sees a score with feedback', async () => {
    await session.app.nav('Assessments');
    await session.page.getByRole('link', { name: /AI systems and the actors responsible for them — check/ }).click();
    await session.page.getByRole('button', { name: 'Submit answers' }).click();
    await expect(session.page.getByRole('alert').innerText()).resolves.toMatch(/11 questions have no answer yet/);
    for (const fieldset of await session.page.locator('fieldset').all()) {
      await fieldset.locator('input').first().check();
    }
    await session.page.getByRole('button', { name: 'Submit answers' }).click();
    const result = session.page.locator('#quiz-result');
    await result.waitFor();
    await expect(result.innerText()).resolves.toMatch(/\d+ of 11 correct/);
    expect(await session.page.locator('.feedback').count()).toBe(11);
    await expect(session.page.getByRole('heading', { name: 'Your attempts' }).isVisible()).resolves.toBe(true);
    await expect.poll(() => session.page.locator('table.history tbody tr').count()).toBe(1);
  });

  it('a second colleague starts from nothing and sees none of the first one’s progress', async () => {
    await session.app.addAnotherProfile('Baraka');
    await expect(session.page.getByRole('heading', { name: 'Start learning' }).isVisible()).resolves.toBe(true);
    await session.app.nav('Progress');
    await expect(session.page.locator('main').innerText()).resolves.toContain('0 of 10 modules completed');
    await session.app.nav('Assessments');
    await session.page.getByRole('heading', { level: 1, name: 'Assessments' }).waitFor();
    await expect.poll(() => session.page.getByText('Not taken yet').count()).toBe(10);
  });

  it('shows the whole interface in each language, Arabic right to left', async () => {
    await session.app.nav('Settings');
    const expectations: [string, string, string, 'ltr' | 'rtl'][] = [
      ['Français', 'fr', 'Paramètres', 'ltr'],
      ['Español', 'es', '', 'ltr'],
      ['Português', 'pt', '', 'ltr'],
      ['Kiswahili', 'sw', '', 'ltr'],
      ['العربية', 'ar', '', 'rtl'],
    ];
    for (const [name, code, , dir] of expectations) {
      await session.app.setLanguage(name);
      await session.page.waitForFunction((c) => document.documentElement.lang === c, code);
      expect(await session.app.htmlAttributes()).toEqual({ lang: code, dir });
      const navText = await session.page.getByRole('navigation').first().innerText();
      expect(navText, `${code} navigation is translated`).not.toContain('Settings');
    }
    const navBox = await session.page.getByRole('navigation').first().boundingBox();
    const profileBox = await session.page.locator('.profile-button').boundingBox();
    expect(profileBox && navBox && profileBox.x < navBox.x, 'in Arabic the profile button sits on the left').toBe(true);
    // The bundled pack is written in Arabic too: its text is marked as Arabic and laid out right to left.
    await session.page.goto(`${session.host.url}#/modules/ai-systems-and-actors/definition`);
    await session.page.locator('.reader-body h1').waitFor();
    await expect(session.page.locator('.reader-body h1').evaluate((h) => [h.closest('[lang]')?.getAttribute('lang'), getComputedStyle(h).direction])).resolves.toEqual(['ar', 'rtl']);
    await expect(session.page.locator('.fallback-note').count()).resolves.toBe(0);
    await expect(session.page.locator('.step-count').evaluate((p) => getComputedStyle(p).direction)).resolves.toBe('rtl');
    await session.page.goto(`${session.host.url}#/settings`);
    await session.page.locator('#language-picker').waitFor();
    await session.app.setLanguage('English');
    await session.page.waitForFunction(() => document.documentElement.dir === 'ltr');
  });

  it('keeps everything after the browser is closed and started again on the same folder', async () => {
    await session.app.switchTo('Amina');
    await session.restart();
    await session.page.getByRole('heading', { name: 'Welcome back, Amina' }).waitFor();
    await session.app.nav('Progress');
    await expect(session.page.locator('main').innerText()).resolves.toContain('1 of 10 modules completed');
    await session.app.nav('Assessments');
    await session.page.getByRole('link', { name: /AI systems and the actors responsible for them — check/ }).click();
    await expect.poll(() => session.page.locator('table.history tbody tr').count()).toBe(1);
  });
});
