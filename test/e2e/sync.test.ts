/**
 * Progress reaches a real hub: the learner sets the hub's address, reads, and sends;
 * and the USB route: the records saved to a file import into the hub once.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../core/sync/bundle';
import { createHub, type Hub } from '../../hub/hub';
import { importBundleInto } from '../../hub/importBundle';
import { enrolmentCode } from '../../hub/lrs/clients';
import { learnerSession } from './harness';

const session = learnerSession();
let hub: Hub;
let hubDir: string;
let hubUrl: string;

beforeAll(async () => {
  hubDir = await mkdtemp(join(tmpdir(), 'baraza-e2e-hub-'));
  hub = createHub(hubDir);
  await new Promise<void>((r) => hub.server.listen(0, '127.0.0.1', r));
  hubUrl = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}/xapi/`;
  await session.page.getByRole('heading', { name: 'Welcome to Baraza' }).waitFor();
  await session.app.createProfile('Amina');
});

afterAll(async () => {
  await hub?.close();
  await rm(hubDir, { recursive: true, force: true });
});

describe('sending progress', () => {
  it('refuses an address that is not one, then sends what the learner did to the hub', async () => {
    const { page, app } = session;
    await app.nav('Modules');
    await page.getByRole('link', { name: 'AI systems and the actors responsible for them' }).click();
    await page.getByRole('button', { name: 'Mark as done and continue' }).click();
    await page.getByText('Section 2 of 6').waitFor();
    await app.nav('Settings');
    await page.getByLabel('Hub address').fill('hub at the ministry');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText('This is not a web address.').waitFor();
    await page.getByLabel('Hub address').fill(hubUrl);
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.waitForFunction(() => document.querySelector('.facts dd')?.textContent === '0');
    expect(await hub.storage.statements.count()).toBe(1);
    await page.waitForFunction(() => !document.querySelector('.facts')?.textContent?.includes('Not yet'));
  });

  it('saves unsent records to a file that the hub imports once', async () => {
    const { page, app } = session;
    await page.getByLabel('Hub address').fill('');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.goto(`${session.host.url}#/modules/ai-systems-and-actors/worked-example`);
    await page.getByText('Section 5 of 6').waitFor();
    await app.dismissNotices();
    await page.getByRole('button', { name: 'Mark as done and continue' }).click();
    await page.getByText('Section 6 of 6').waitFor();
    await app.nav('Settings');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save my records to a file' }).click()]);
    const file = await download.path();
    const text = await readFile(file, 'utf8');
    expect(readBundle(text).statements).toHaveLength(1);
    // The records stay queued (a file is a copy), and the panel says when they were last saved.
    await page.getByText('Last saved to a file').waitFor();
    await page.getByText('(1 record)').waitFor();
    expect(await importBundleInto(hub.storage.statements, text)).toMatchObject({ added: 1, alreadyHad: 0 });
    expect(await importBundleInto(hub.storage.statements, text)).toMatchObject({ added: 0, alreadyHad: 1 });
    expect(await hub.storage.statements.count()).toBe(2);
  });

  it('enrols with the code the hub gave, and sends with those credentials', async () => {
    const { page, app } = session;
    const client = await hub.storage.clients.add('Amina laptop');
    await page.getByLabel('Hub address').fill('baraza-enrol:not-a-code');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText('This enrolment code is incomplete or damaged.').waitFor();
    await page.getByLabel('Hub address').fill(enrolmentCode(hubUrl, client));
    await page.getByRole('button', { name: 'Save address' }).click();
    await expect(page.getByLabel('Hub address').inputValue()).resolves.toBe(hubUrl);
    await page.goto(`${session.host.url}#/modules/ai-systems-and-actors/key-points`);
    await page.getByText('Section 6 of 6').waitFor();
    await app.dismissNotices();
    await page.getByRole('button', { name: 'Mark as done', exact: true }).click();
    await app.nav('Settings');
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.waitForFunction(() => document.querySelector('.facts dd')?.textContent === '0');
    expect(await hub.storage.clients.learnersOf(client)).toHaveLength(1);
    // The statement saved to the file earlier is sent again and recognised: still one copy.
    expect(await hub.storage.statements.count()).toBe(3);
  });

  it('keeps a record the hub refuses, says so, and sends it again when asked', async () => {
    const { page, app } = session;
    await page.goto(`${session.host.url}#/modules/ai-systems-and-actors/actors`);
    await page.getByText('Section 3 of 6').waitFor();
    await app.dismissNotices();
    await page.getByRole('button', { name: 'Mark as done and continue' }).click();
    await page.getByText('Section 4 of 6').waitFor();
    // The hub already holds another statement under the new record's id (a damaged import, say).
    const queued = await page.evaluate(
      () =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('baraza');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['outbox', 'statements']);
            const ids = tx.objectStore('outbox').getAllKeys();
            tx.oncomplete = () => {
              const read = open.result.transaction('statements').objectStore('statements');
              const all = ids.result.map((id) => read.get(id));
              read.transaction.oncomplete = () => resolve(all.map((r) => (r.result as { statement: unknown }).statement));
            };
          };
        }),
    );
    expect(queued).toHaveLength(1);
    const [fresh] = queued as Record<string, unknown>[];
    await hub.storage.statements.insert([{ ...fresh, result: { completion: true } }]);

    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/statements')) posts.push(r.url());
    });
    await app.nav('Settings');
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByText('1 record the hub refused is kept on this computer').waitFor();
    await expect(page.locator('.facts dd').first().textContent()).resolves.toBe('1');
    const sent = posts.length;
    // A run pushes, then pulls: once it asks for the learner's statements, the push is over.
    const pulled = page.waitForRequest((r) => r.method() === 'GET' && r.url().includes('/statements?'));
    await page.getByRole('button', { name: 'Send now' }).click();
    await pulled;
    expect(posts).toHaveLength(sent); // held: not sent again on its own
    await page.getByRole('button', { name: 'Try them again' }).click();
    await expect.poll(() => posts.length).toBe(sent + 1);
    await page.getByText('1 record the hub refused is kept on this computer').waitFor();
  });
});
