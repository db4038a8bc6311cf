import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBundle, readBundle } from '../../core/sync/bundle';
import { sectionRead } from '../../core/xapi/statement';
import { createBundleHandlers } from './hostBundles';
import { BundleSaveError, saveSyncBundle } from './saveBundle';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-bundle-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NAME = 'baraza-2026-11-27.baraza-sync.json';

function bundle(sections: readonly string[]): string {
  const statements = sections.map((sectionId, i) =>
    sectionRead({ id: crypto.randomUUID(), timestamp: `2026-11-27T08:0${i}:00.000Z`, learner: { id: 'A', name: 'Amina' }, language: 'fr' }, { packId: 'p', moduleId: 'm', sectionId }),
  );
  return makeBundle(statements as unknown as Record<string, unknown>[], 'device-1', new Date('2026-11-27T09:00:00Z'));
}

const refusal = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'saved', (err: unknown) => err);

describe('saveSyncBundle', () => {
  it('writes the bundle byte for byte, and a second one of the same day beside it, never over it', async () => {
    const first = bundle(['a', 'b']);
    const second = bundle(['c']);
    expect(await saveSyncBundle(dir, NAME, first)).toEqual({ file: join(dir, NAME), bytes: Buffer.byteLength(first) });
    expect(await saveSyncBundle(dir, NAME, second)).toMatchObject({ file: join(dir, 'baraza-2026-11-27-2.baraza-sync.json') });
    expect(await readFile(join(dir, NAME), 'utf8')).toBe(first);
    expect(readBundle(await readFile(join(dir, 'baraza-2026-11-27-2.baraza-sync.json'), 'utf8')).statements).toHaveLength(1);
    expect((await readdir(dir)).sort()).toEqual(['baraza-2026-11-27-2.baraza-sync.json', NAME]);
  });

  it('refuses names that are not a plain bundle name, and writes nothing', async () => {
    for (const name of ['../escape.baraza-sync.json', 'sub/dir.baraza-sync.json', '.hidden.baraza-sync.json', 'records.json', 'C:\\x.baraza-sync.json', `${'a'.repeat(120)}.baraza-sync.json`, '']) {
      expect(await refusal(saveSyncBundle(dir, name, bundle(['a']))), name).toMatchObject({ code: 'bad-bundle' });
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses text that is not a whole, intact bundle, and writes nothing', async () => {
    const good = bundle(['a', 'b']);
    const tampered = good.replace('/sections/a', '/sections/z');
    for (const text of ['', 'not json', '{"format":"something-else"}', good.slice(0, good.length / 2), tampered]) {
      const err = await refusal(saveSyncBundle(dir, NAME, text));
      expect(err).toBeInstanceOf(BundleSaveError);
      expect(err).toMatchObject({ code: 'bad-bundle' });
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('says the drive may be gone when the folder is not there', async () => {
    const err = await refusal(saveSyncBundle(join(dir, 'unplugged'), NAME, bundle(['a'])));
    expect(err).toMatchObject({ code: 'unwritable', message: expect.stringContaining('was the drive removed?') });
  });

  it('says so when the folder is a file', async () => {
    await writeFile(join(dir, 'file'), 'x');
    expect(await refusal(saveSyncBundle(join(dir, 'file'), NAME, bundle(['a'])))).toMatchObject({ code: 'unwritable' });
  });

  it('deletes a copy that reads back differently, and leaves no partial file', async () => {
    const failingDrive = async (path: string): Promise<Buffer> => {
      const data = await readFile(path);
      const middle = data.length >> 1;
      data.writeUInt8(data.readUInt8(middle) ^ 0x20, middle);
      return data;
    };
    const err = await refusal(saveSyncBundle(dir, NAME, bundle(['a', 'b']), { readBack: failingDrive }));
    expect(err).toMatchObject({ code: 'damaged-copy', message: expect.stringContaining('try another one') });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('the saveSyncBundle host method', () => {
  it('saves to the folder chosen, reports a cancelled dialog, and says when the host cannot write', async () => {
    const save = createBundleHandlers({ chooseFolder: async () => dir }).saveSyncBundle;
    expect(await save(NAME, bundle(['a']))).toMatchObject({ saved: true, location: join(dir, NAME) });
    expect(await createBundleHandlers({ chooseFolder: async () => null }).saveSyncBundle(NAME, bundle(['a']))).toEqual({ saved: false });
    expect(await refusal(createBundleHandlers({}).saveSyncBundle(NAME, bundle(['a'])))).toMatchObject({ code: 'unsupported' });
  });

  it('refuses arguments that are not a name and a bundle, before asking where', async () => {
    let asked = 0;
    const save = createBundleHandlers({
      chooseFolder: async () => {
        asked++;
        return dir;
      },
    }).saveSyncBundle as (...args: unknown[]) => Promise<unknown>;
    expect(await refusal(save(42, bundle(['a'])))).toMatchObject({ code: 'bad-arguments' });
    expect(await refusal(save(NAME, { statements: [] }))).toMatchObject({ code: 'bad-arguments' });
    expect(asked).toBe(0);
    expect(await refusal(save('../x.baraza-sync.json', bundle(['a'])))).toMatchObject({ code: 'bad-arguments', message: expect.stringMatching(/^bad-bundle: /) });
    expect(await readdir(dir)).toEqual([]);
  });
});
