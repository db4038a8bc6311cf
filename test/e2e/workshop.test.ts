/**
 * From a module to a printed report: the reader follows a module to the guideline
 * it cites, its quiz and an assessment template, fills the template in, and prints
 * the report; readiness is charted, an incident gets its deadline, a trainer finds
 * the session plan, and the case studies and glossary are one click from the text.
 */
import { describe, expect, it } from 'vitest';
import { learnerSession } from './harness';

const session = learnerSession();

describe('from a module to a printed report', () => {
  it('follows a module to the guideline it cites, its quiz and a template', async () => {
    const { page, app } = session;
    await page.getByRole('heading', { name: 'Welcome to Baraza' }).waitFor();
    await app.createProfile('Fatima');
    await page.goto(`${session.host.url}#/modules/impact-assessment-in-practice`);
    const further = page.locator('.go-further');
    await further.getByRole('link', { name: /Directive on Automated Decision-Making/ }).click();
    await expect.poll(() => app.h1()).toMatch(/Directive on Automated Decision-Making/);
    await page.goBack();
    await further.getByRole('link', { name: 'Impact assessment in practice — check your understanding' }).click();
    await page.getByRole('button', { name: 'Submit answers' }).waitFor();
    for (const fieldset of await page.locator('fieldset').all()) await fieldset.locator('input').first().check();
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await page.locator('#quiz-result').getByRole('link', { name: 'Algorithmic impact assessment' }).click();
    await expect.poll(() => app.h1()).toBe('Algorithmic impact assessment');
  });

  it('fills in the impact assessment, which is saved as it is typed and scored with Canada’s rules', async () => {
    const { page, app } = session;
    await page.getByLabel('Name of this assessment').fill('Benefits eligibility chatbot');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByLabel('Name of the system').waitFor();
    await page.getByLabel('Name of the system').fill('Eligibility assistant');
    // The heaviest answer to every risk question and no safeguard at all: the top level.
    for (const question of await page.locator('.choices-choice').all()) await question.locator('input').last().check();
    for (const question of await page.locator('.choices-multiple').all()) {
      for (const box of await question.locator('input').all()) await box.check();
    }
    await page.getByText(/^Saved /).waitFor();
    await expect(page.locator('.score-summary').innerText()).resolves.toMatch(/Impact level:\s*IV/);
    await page.reload();
    await expect.poll(() => page.getByLabel('Name of the system').inputValue()).toBe('Eligibility assistant');
    await page.getByRole('link', { name: 'See the report' }).click();
    const report = page.locator('main');
    await expect.poll(() => report.innerText()).toMatch(/Impact level:\s*IV/);
    await expect(report.innerText()).resolves.toContain('What level IV requires');
    await expect(report.innerText()).resolves.toContain('Eligibility assistant');
    await expect(report.innerText()).resolves.toMatch(/Prepared by\s*Fatima/);
    await expect(page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.topbar').isVisible()).resolves.toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    await page.emulateMedia({ media: 'screen' });
    await app.nav('Assessments');
  });

  it('charts readiness per dimension', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Institutional readiness for AI governance' }).click();
    await page.getByLabel('Name of this assessment').fill('Ministry self-assessment 2026');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const sections = page.locator('.template-section');
    await sections.first().waitFor();
    const count = await sections.count();
    // Dimension n gets answer n of the scale on every question, so the bars differ.
    for (let s = 0; s < count; s++) {
      for (const question of await sections.nth(s).locator('.choices-scale').all()) await question.locator('input').nth(s).check();
    }
    await page.getByRole('link', { name: 'See the report' }).click();
    const bars = page.locator('.dimension-chart rect.chart-bar');
    await expect.poll(() => bars.count()).toBe(5);
    const widths = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect(widths[0]).toBe(0);
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    expect(new Set(widths).size).toBe(5);
    await expect(page.locator('.dimension-chart table tbody tr').count()).resolves.toBe(5);
  });

  it('gives an incident report its deadline, and deletes an assessment only after confirmation, with undo', async () => {
    const { page, app } = session;
    await page.goto(`${session.host.url}#/templates/ai-incident-report`);
    await page.getByLabel('Name of this assessment').fill('Sepsis alert failure');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.locator('input[type=date]').first().fill('2026-03-01');
    await page.locator('.choices-choice', { has: page.locator('input[value="death"]') }).locator('input[value="death"]').check();
    await page.getByText(/^Saved /).waitFor();
    await page.getByRole('link', { name: 'See the report' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('The report is due by March 11, 2026 (10 days after the date of awareness).');
    await page.getByRole('link', { name: 'Back to the form' }).click();
    await page.getByRole('link', { name: 'All assessments with this template' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('.response-card').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('“Sepsis alert failure” was deleted.').waitFor();
    await expect.poll(() => page.locator('.response-card').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('.response-card').count()).toBe(1);
    await app.nav('Modules');
  });

  it('gives the trainer a session plan for each module', async () => {
    const { page, app } = session;
    await page.getByRole('link', { name: 'Facilitator guides for every module' }).click();
    await expect.poll(() => page.locator('.item-card').count()).toBe(10);
    await page.locator('.item-card a').first().click();
    await page.getByRole('heading', { level: 2, name: 'Materials' }).waitFor();
    await expect(page.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.related-row').innerText()).resolves.toContain('AI systems and the actors responsible for them');
    await expect(page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current="page"]').innerText()).resolves.toBe('Modules');
    await app.nav('Guidelines');
  });

  it('shows a glossary definition where the word is, and the case studies and glossary in the library', async () => {
    const { page } = session;
    await page.goto(`${session.host.url}#/modules/ai-systems-and-actors/actors`);
    const term = page.locator('.glossary-term').first();
    await term.waitFor();
    await term.click();
    const card = page.locator('.glossary-card');
    await expect(card.innerText()).resolves.toMatch(/\w+ .{20,}/);
    await expect(term.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    await expect(card.count()).resolves.toBe(0);
    await page.goto(`${session.host.url}#/guidelines`);
    await page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: 'Case studies' }).click();
    await expect.poll(() => page.locator('.item-card').count()).toBeGreaterThanOrEqual(6);
    await page.getByRole('link', { name: 'Robodebt: automated welfare debts in Australia' }).click();
    for (const heading of ['Sources', 'Instruments this case illustrates']) await page.getByRole('heading', { name: heading }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guidelines' }).click();
    await page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: 'Glossary' }).click();
    await page.getByRole('status').filter({ hasText: /\d+ terms/ }).waitFor();
    const all = Number((await page.getByRole('status').filter({ hasText: /\d+ terms/ }).innerText()).match(/\d+/)?.[0]);
    expect(all).toBeGreaterThanOrEqual(40);
    await page.getByLabel('Find a term').fill('deployer');
    await expect.poll(() => page.locator('.glossary-entry').count()).toBeLessThan(all);
    await expect(page.locator('.glossary-entry').first().innerText()).resolves.toMatch(/deployer/i);
  });

  it('shows the template, a case study and the glossary in Arabic, right to left', async () => {
    const { page, app } = session;
    await app.nav('Settings');
    await app.setLanguage('العربية');
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    for (const route of ['#/templates/algorithmic-impact-assessment', '#/cases/robodebt', '#/guides/risk-based-governance-guide']) {
      await page.goto(`${session.host.url}${route}`);
      const h1 = page.locator('main h1').first();
      await h1.waitFor();
      await expect(h1.evaluate((h) => [h.closest('[lang]')?.getAttribute('lang'), getComputedStyle(h).direction]), route).resolves.toEqual(['ar', 'rtl']);
      await expect(page.locator('.fallback-note').count(), route).resolves.toBe(0);
    }
    await page.goto(`${session.host.url}#/glossary`);
    await page.locator('.glossary-entry').first().waitFor();
    await expect(page.locator('.glossary-entry').first().getAttribute('lang')).resolves.toBe('ar');
  });
});
