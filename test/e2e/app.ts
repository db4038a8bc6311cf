/** Page object for the learner app: what a person does, in their words. */
import type { Page } from 'playwright-core';

export class LearnerApp {
  constructor(readonly page: Page) {}

  async createProfile(name: string): Promise<void> {
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByRole('button', { name: 'Create profile' }).click();
    await this.page.getByRole('heading', { level: 1, name: `Welcome back, ${name}` }).waitFor();
  }

  /** Follows a main navigation link and waits until that screen is the one shown. */
  async nav(label: string): Promise<void> {
    const link = this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true });
    await link.click();
    await this.page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current="page"]', { hasText: label }).waitFor();
    await this.page.locator('main h1').first().waitFor();
  }

  /** One click on the colleague's avatar in the top bar. */
  async switchTo(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Switch to ${name}` }).click();
    await this.page.getByRole('heading', { level: 1, name: `Welcome back, ${name}` }).waitFor();
  }

  async addAnotherProfile(name: string): Promise<void> {
    await this.page.locator('.profile-button').click();
    await this.page.getByRole('menuitem', { name: 'Add or choose another profile' }).click();
    await this.createProfile(name);
  }

  async setLanguage(nativeName: string): Promise<void> {
    await this.page.locator('#language-picker').selectOption({ label: nativeName });
  }

  async htmlAttributes(): Promise<{ lang: string | null; dir: string | null }> {
    return this.page.evaluate(() => ({ lang: document.documentElement.getAttribute('lang'), dir: document.documentElement.getAttribute('dir') }));
  }

  h1(): Promise<string> {
    return this.page.locator('main h1').first().innerText();
  }

  /** Closes the messages in the corner, which may cover buttons; some close themselves meanwhile. */
  async dismissNotices(): Promise<void> {
    for (let i = 0; i < 10 && (await this.page.locator('.notice').count()) > 0; i++) {
      await this.page.locator('.notice button').first().click({ timeout: 1000 }).catch(() => undefined);
    }
  }
}
