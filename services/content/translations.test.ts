import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markTranslationsCurrent, translationStatus } from './translations';

let dir: string;
async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), text);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-tr-'));
  await put('pack.yaml', 'id: t\nversion: 1\ndefaultLanguage: en\nlanguages: [en, fr, sw]\n');
  await put('modules/a/en.md', '---\ntitle: A\n---\n## One {#one}\nHello\n');
  await put('modules/a/fr.md', '---\ntitle: A\n---\n## Un {#one}\nBonjour\n');
  await put('quizzes/q/en.yaml', 'title: Q\n');
  await put('quizzes/q/fr.yaml', 'title: Q\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('translation status', () => {
  it('reports unmarked translations as stale and absent ones as missing', async () => {
    const [fr, sw] = await translationStatus(dir);
    expect(fr).toEqual({ language: 'fr', translated: [], missing: [], stale: ['modules/a', 'quizzes/q'] });
    expect(sw?.missing).toEqual(['modules/a', 'quizzes/q']);
  });

  it('marks translations current, then a changed source makes them stale again', async () => {
    expect(await markTranslationsCurrent(dir, 'fr')).toEqual(['modules/a', 'quizzes/q']);
    expect((await readFile(join(dir, 'modules/a/fr.md'), 'utf8')).split('\n')[1]).toMatch(/^sourceHash: [0-9a-f]{16}$/);
    expect((await translationStatus(dir))[0]?.translated).toEqual(['modules/a', 'quizzes/q']);
    expect(await markTranslationsCurrent(dir, 'fr')).toEqual([]);
    await put('modules/a/en.md', '---\ntitle: A\n---\n## One {#one}\nHello, changed\n');
    expect((await translationStatus(dir))[0]).toMatchObject({ translated: ['quizzes/q'], stale: ['modules/a'] });
  });

  it('does not count line-ending differences in the source as a change', async () => {
    await markTranslationsCurrent(dir, 'fr');
    await put('modules/a/en.md', '---\r\ntitle: A\r\n---\r\n## One {#one}\r\nHello\r\n');
    expect((await translationStatus(dir))[0]?.stale).toEqual([]);
  });

  it('refuses to stamp the source language', async () => {
    await expect(markTranslationsCurrent(dir, 'en')).rejects.toThrow(/source language/);
  });
});
