/**
 * The Packs screen in the browser: upload and install a pack, see an update keep
 * progress, refuse altered and untrusted packs with a plain reason, trust a
 * publisher after comparing the fingerprint, and remove a pack after confirming.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPublicKey, generateKeyPair, publicKeyFingerprint, type MinisignSecretKey } from '../../core/pack/minisign';
import { readSecretKeyFile } from '../../services/keys/keyFiles';
import { buildPack } from '../../services/pack/build';
import { makePack, spoilPack } from '../../services/packs/packFixtures';
import { APP_VERSION } from '../../services/appVersion';
import { learnerSession, ROOT } from './harness';

const session = learnerSession();
let work: string;
let buildKey: MinisignSecretKey;
const stranger = generateKeyPair();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'baraza-e2e-packs-'));
  // The build signs the bundled pack with this key, and the app trusts it.
  buildKey = await readSecretKeyFile(process.env.BARAZA_SIGNING_KEY ?? join(ROOT, '.keys', 'baraza.key'));
  await session.page.getByRole('heading', { name: 'Welcome to Baraza' }).waitFor();
  await session.app.createProfile('Amina');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function upload(file: string): Promise<void> {
  await session.page.locator('input[type=file][accept=".baraza"]').setInputFiles(file);
}

async function flagshipVersion(version: number): Promise<string> {
  const src = join(work, `flagship-v${version}`);
  await cp(join(ROOT, 'content/ai-governance'), src, { recursive: true });
  const yaml = await readFile(join(src, 'pack.yaml'), 'utf8');
  await writeFile(join(src, 'pack.yaml'), yaml.replace(/^version: \d+$/m, `version: ${version}`));
  return (await buildPack({ srcDir: src, outFile: join(work, `flagship-v${version}.baraza`), key: buildKey, minAppVersion: APP_VERSION })).outFile;
}

describe('content packs', () => {
  it('lists the bundled pack with its publisher, languages and size', async () => {
    await session.app.nav('Content packs');
    const row = session.page.locator('.pack-row').first();
    await expect(row.innerText()).resolves.toMatch(/AI governance for regulators[\s\S]*Studying now[\s\S]*Baraza project[\s\S]*English, Français, Español, العربية, Português, Kiswahili/);
  });

  it('updates the studied pack to a new version, and the learner keeps their progress', async () => {
    const { page, app } = session;
    await app.nav('Modules');
    await page.getByRole('link', { name: 'AI systems and the actors responsible for them' }).click();
    await page.getByRole('button', { name: 'Mark as done and continue' }).click();
    await page.getByText('Section 2 of 6').waitFor();
    await app.nav('Content packs');
    await upload(await flagshipVersion(2));
    await page.getByText('An update: version 1 is installed; this is version 2.').waitFor();
    await page.getByRole('button', { name: 'Update' }).click();
    await page.getByText(/Updated from version 1 to version 2; your progress is kept\. Modules: 0 added, 0 changed, 0 removed\./).waitFor();
    await page.waitForFunction(() => document.querySelector('.pack-row dd')?.textContent === '2');
    await app.nav('Modules');
    await expect(page.locator('.item-card').first().getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('17');
  });

  it('refuses an altered pack and an older version, saying why', async () => {
    const { page } = session;
    await session.app.nav('Content packs');
    const altered = await spoilPack(await makePack(work, buildKey, { id: 'altered' }), join(work, 'altered-bad.baraza'), (e) =>
      e.set('en/modules/m.json', Buffer.from((e.get('en/modules/m.json') ?? Buffer.alloc(0)).toString().replace('Module', 'Modulx'))),
    );
    await upload(altered);
    // Sizes and signature are checked at once; each file's hash while it is installed.
    await page.locator('.candidate', { hasText: 'altered' }).getByRole('button', { name: 'Install' }).click();
    await page.getByText('A file in the pack does not match what its publisher signed').waitFor();
    await upload(join(ROOT, 'dist/packs/ai-governance.baraza'));
    await page.getByText('A newer version of this pack is already installed').waitFor();
    await expect(page.getByRole('button', { name: 'Install', exact: true }).count()).resolves.toBe(0);
  });

  it('installs a pack from a new publisher only after their key is trusted', async () => {
    const { page } = session;
    await upload(await makePack(work, stranger, { id: 'partner-pack', title: 'Partner module' }));
    await page.getByText(`signed by a publisher key (${stranger.publicKey.keyIdHex}) that is not trusted`).waitFor();
    await page.getByRole('button', { name: "Add the publisher's key…" }).click();
    const dialog = page.getByRole('dialog', { name: "Trust a publisher's key" });
    const keyFile = join(work, 'partner.pub');
    await writeFile(keyFile, formatPublicKey(stranger.publicKey));
    await dialog.getByLabel("Publisher's key file").setInputFiles(keyFile);
    await expect(dialog.locator('.fingerprint code').innerText()).resolves.toBe(publicKeyFingerprint(stranger.publicKey));
    await dialog.getByRole('button', { name: 'Trust this key' }).click();
    await page.getByText('Not installed yet.').waitFor();
    await page.getByRole('button', { name: 'Install', exact: true }).click();
    await page.getByText(/Installed version 1\. Modules: 1 added/).waitFor();
    await page.locator('.pack-row', { hasText: 'partner-pack' }).getByRole('button', { name: 'Study this pack' }).click();
    await session.app.nav('Modules');
    await page.getByRole('link', { name: 'Partner module' }).waitFor();
  });

  it('removes a pack after confirmation, falling back to the other pack', async () => {
    const { page, app } = session;
    await app.nav('Content packs');
    const row = page.locator('.pack-row', { hasText: 'partner-pack' });
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove pack' }).click();
    await row.waitFor({ state: 'detached' });
    await expect(page.locator('.pack-row').count()).resolves.toBe(1);
    await app.nav('Modules');
    await page.getByRole('link', { name: 'AI systems and the actors responsible for them' }).waitFor();
  });
});

describe('search', () => {
  it('opens from the keyboard, tolerates a slip of spelling, and opens the result at its section', async () => {
    const { page } = session;
    await page.locator('main h1').first().click();
    await page.keyboard.press('/');
    await page.keyboard.type('Recommandation');
    await page.keyboard.press('Enter');
    const marks = page.locator('main mark');
    await marks.first().waitFor();
    await expect(marks.first().innerText()).resolves.toMatch(/^recommendations?$/i);
    await page.locator('.search-hit-link').first().click();
    await page.waitForFunction(() => /^#\/(guidelines|modules)\/[^/]+\/[^/]+/.test(window.location.hash));
  });

  it('in French, finds accented words typed without accents', async () => {
    const { page, app } = session;
    await app.nav('Settings');
    await app.setLanguage('Français');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.goto(`${session.host.url}#/search/evaluation`);
    const marks = page.locator('main mark');
    await marks.first().waitFor();
    await expect(marks.allInnerTexts().then((all) => all.some((m) => m.toLowerCase().startsWith('évaluation')))).resolves.toBe(true);
  });
});
