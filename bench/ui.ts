/**
 * UI benchmark: the built app in headless Chromium against the web host, beside a
 * baseline page on the same server, so each figure is also a ratio to what this
 * machine needs for a trivial page. Times are measured inside the page.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, newProfileDir, removeDir, ROOT, startHost } from '../test/e2e/harness';

export interface Figure {
  readonly name: string;
  readonly median: number;
  readonly p95: number;
  readonly unit: 'ms' | 'KB';
  readonly baseline?: number;
  readonly target: number;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

const BASELINE_HTML = `<!doctype html><html><body><h1 id="h">Baseline</h1>
<a id="go" href="#x">go</a><select id="lang"><option>en</option><option>fr</option></select>
<script>
document.getElementById('go').onclick = (e) => { e.preventDefault(); document.getElementById('h').textContent = 'Clicked ' + Math.random(); };
document.getElementById('lang').onchange = (e) => { document.getElementById('h').textContent = 'Lang ' + e.target.value; };
</script></body></html>`;

/**
 * In-page scripts are passed as text: tsx compiles this file with helpers that
 * do not exist inside the page, so functions cannot be handed to evaluate().
 */
const WAIT_FOR_TEXT = (selector: string, pattern: string, since: string): string => `new Promise((resolve) => {
  const start = ${since};
  const check = () => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (el && new RegExp(${JSON.stringify(pattern)}).test(el.textContent || '')) { resolve(performance.now() - start); return true; }
    return false;
  };
  if (check()) return;
  new MutationObserver((_m, obs) => { if (check()) obs.disconnect(); }).observe(document, { subtree: true, childList: true, characterData: true });
`;

/** Ms from navigation start until `selector` has text matching `pattern`. */
async function timeToText(page: Page, selector: string, pattern: string): Promise<number> {
  return page.evaluate(`${WAIT_FOR_TEXT(selector, pattern, '0')}})`) as Promise<number>;
}

/** Runs `action` inside the page and times until the DOM shows the expected text. */
async function timeInteraction(page: Page, action: string, selector: string, pattern: string): Promise<number> {
  return page.evaluate(`${WAIT_FOR_TEXT(selector, pattern, 'performance.now()')} ${action}
})`) as Promise<number>;
}

async function firstLoadJsKb(url: string, context: BrowserContext): Promise<number> {
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.close();
  let bytes = 0;
  for (const path of new Set(scripts)) bytes += gzipSync(await readFile(join(ROOT, 'dist/renderer', path)), { level: 9 }).length;
  return bytes / 1024;
}

export async function runUiBench(): Promise<Figure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'baraza-bench-data-'));
  const host = await startHost({ dataDir });
  // The baseline page is answered by Playwright's router, beside the app on the same origin.
  const baseUrl = `${host.url}baseline`;

  const dir = await newProfileDir();
  const context = await launch(dir);
  const figures: Figure[] = [];
  try {
    const setup = await context.newPage();
    await setup.goto(host.url);
    await setup.getByLabel('Your name').fill('Bench');
    await setup.getByRole('button', { name: 'Create profile' }).click();
    await setup.getByRole('heading', { name: 'Welcome back, Bench' }).waitFor();
    await setup.close();

    const home: number[] = [];
    const homeBase: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      await page.goto(host.url, { waitUntil: 'commit' });
      home.push(await timeToText(page, 'main h1', 'Welcome back'));
      await page.close();
      const base = await context.newPage();
      await base.route('**/*', async (route) => route.fulfill({ body: BASELINE_HTML, contentType: 'text/html' }));
      await base.goto(baseUrl, { waitUntil: 'commit' });
      homeBase.push(await timeToText(base, 'h1', 'Baseline'));
      await base.close();
    }
    figures.push({ name: 'Navigation to interactive Home', median: quantile(home, 0.5), p95: quantile(home, 0.95), unit: 'ms', baseline: quantile(homeBase, 0.5), target: 1000 });

    const page = await context.newPage();
    await page.goto(`${host.url}#/modules/ai-systems-and-actors/definition`);
    await page.getByText('Section 1 of 6').waitFor();
    const base = await context.newPage();
    await base.route('**/*', async (route) => route.fulfill({ body: BASELINE_HTML, contentType: 'text/html' }));
    await base.goto(baseUrl);

    const click: number[] = [];
    const clickBase: number[] = [];
    const sections = ['lifecycle', 'definition'];
    for (let i = 0; i < RUNS; i++) {
      const target = sections[i % 2] ?? 'definition';
      click.push(await timeInteraction(page, `document.querySelector('.section-list a[href$="/${target}"]').click()`, '.step-count', `Section ${target === 'definition' ? 1 : 2} of`));
      clickBase.push(await timeInteraction(base, `document.getElementById('go').click()`, '#h', 'Clicked'));
    }
    figures.push({ name: 'Click to module section rendered', median: quantile(click, 0.5), p95: quantile(click, 0.95), unit: 'ms', baseline: quantile(clickBase, 0.5), target: 100 });

    await page.goto(`${host.url}#/settings`);
    await page.locator('#language-picker').waitFor();
    const langs: [string, string][] = [['fr', 'Paramètres'], ['ar', 'الإعدادات'], ['sw', 'Mipangilio'], ['en', 'Settings']];
    const lang: number[] = [];
    const langBase: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [code, word] = langs[i % langs.length] ?? ['en', 'Settings'];
      lang.push(
        await timeInteraction(page, `const s = document.getElementById('language-picker'); s.value = '${code}'; s.dispatchEvent(new Event('change', { bubbles: true }));`, 'nav', word),
      );
      langBase.push(await timeInteraction(base, `const s = document.getElementById('lang'); s.value = '${i % 2 ? 'en' : 'fr'}'; s.dispatchEvent(new Event('change'));`, '#h', 'Lang'));
    }
    figures.push({ name: 'Switching language', median: quantile(lang, 0.5), p95: quantile(lang, 0.95), unit: 'ms', baseline: quantile(langBase, 0.5), target: 150 });

    const kb = await firstLoadJsKb(host.url, context);
    figures.push({ name: 'JS shipped on first load (gzip)', median: kb, p95: kb, unit: 'KB', target: 300 });
  } finally {
    await context.close();
    await host.close();
    await removeDir(dir);
    await removeDir(dataDir);
  }
  return figures;
}
