import { describe, expect, it } from 'vitest';
import { buildSearchIndex, type SearchDocument } from '../search/searchIndex';
import { PackContent } from './loader';
import { ContentError } from './validate';

const packJson = {
  format: 1,
  id: 'p',
  version: 3,
  defaultLanguage: 'en',
  languages: ['en', 'fr'],
  title: { en: 'P', fr: 'P' },
  items: [
    { kind: 'module', id: 'm1', order: 2, languages: ['en', 'fr'], sections: ['s1'] },
    { kind: 'module', id: 'm0', order: 1, languages: ['en'], sections: ['s1'] },
    { kind: 'guideline', id: 'g', order: 1, languages: ['en'] },
    { kind: 'quiz', id: 'broken', order: 1, languages: ['en'] },
  ],
};
const module = (id: string, title: string): unknown => ({ id, title, summary: '', durationMinutes: 10, objectives: [], sections: [{ id: 's1', title: 'S', body: 'x' }] });

function files(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'pack.json': JSON.stringify(packJson),
    'en/modules/m1.json': JSON.stringify(module('m1', 'Hello')),
    'fr/modules/m1.json': JSON.stringify(module('m1', 'Bonjour')),
    'en/modules/m0.json': JSON.stringify(module('m0', 'First')),
    'en/quizzes/broken.json': '{"id": "broken", "title": ',
    ...extra,
  };
}

function open(map: Record<string, string>): Promise<PackContent> {
  return PackContent.open(async (path) => map[path] ?? null);
}

const sectionDoc = (title: string, text: string): SearchDocument => ({ id: 'module:m1#s1', kind: 'module', itemId: 'm1', anchor: 's1', itemTitle: 'M', title, text });
const searchFiles = (): Record<string, string> =>
  files({
    'en/search.json': buildSearchIndex([sectionDoc('Oversight', 'Humans review the system.')]),
    'fr/search.json': buildSearchIndex([sectionDoc('Supervision', 'Des personnes examinent le système.')]),
  });

describe('PackContent', () => {
  it('lists items in reading order', async () => {
    const pack = await open(files());
    expect(pack.list('module').map((m) => m.id)).toEqual(['m0', 'm1']);
  });

  it('loads the learner language when it exists', async () => {
    const item = await (await open(files())).load('module', 'm1', 'fr');
    expect(item).toMatchObject({ language: 'fr', isFallback: false, value: { title: 'Bonjour' } });
  });

  it('falls back to the default language and says so', async () => {
    const item = await (await open(files())).load('module', 'm0', 'ar');
    expect(item).toMatchObject({ language: 'en', isFallback: true, value: { title: 'First' } });
  });

  it('marks a fallback even when the same text was read before in its own language', async () => {
    const pack = await open(files());
    await expect(pack.load('module', 'm0', 'en')).resolves.toMatchObject({ isFallback: false });
    await expect(pack.load('module', 'm0', 'ar')).resolves.toMatchObject({ language: 'en', isFallback: true });
  });

  it('reports a listed but missing file as missing', async () => {
    await expect((await open(files())).load('guideline', 'g', 'en')).rejects.toMatchObject({ reason: 'missing' });
  });

  it('reports a truncated file as malformed, naming it', async () => {
    const err = await (await open(files())).load('quiz', 'broken', 'en').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect(String(err)).toContain('en/quizzes/broken.json');
  });

  it('refuses a file whose id does not match the index', async () => {
    const pack = await open(files({ 'en/modules/m0.json': JSON.stringify(module('other', 'X')) }));
    await expect(pack.load('module', 'm0', 'en')).rejects.toThrow(/does not match/);
  });

  it('picks up a repaired file on the next attempt', async () => {
    const map = files({ 'en/modules/m0.json': 'not json' });
    const pack = await open(map);
    await expect(pack.load('module', 'm0', 'en')).rejects.toThrow();
    map['en/modules/m0.json'] = JSON.stringify(module('m0', 'Fixed'));
    await expect(pack.load('module', 'm0', 'en')).resolves.toMatchObject({ value: { title: 'Fixed' } });
  });

  it('refuses a pack index of an unknown format or without its default language', async () => {
    await expect(open({ 'pack.json': JSON.stringify({ ...packJson, format: 99 }) })).rejects.toThrow(/format 99/);
    await expect(open({ 'pack.json': JSON.stringify({ ...packJson, languages: ['fr'] }) })).rejects.toThrow(/default language/);
    await expect(open({})).rejects.toMatchObject({ reason: 'missing' });
    await expect(open({ 'pack.json': '[]' })).rejects.toThrow(/expected an object/);
  });

  describe('search', () => {
    it('searches the index of the learner language', async () => {
      const found = await (await open(searchFiles())).search('fr');
      expect(found).toMatchObject({ language: 'fr', isFallback: false });
      expect(found.value.search('systeme').map((h) => h.title)).toEqual(['Supervision']);
    });

    it('falls back to the default language when the pack has no index for the learner language, and says so', async () => {
      const map = searchFiles();
      delete map['fr/search.json'];
      const pack = await open(map);
      for (const language of ['fr', 'ar']) {
        const found = await pack.search(language);
        expect(found).toMatchObject({ language: 'en', isFallback: true });
        expect(found.value.search('humans')[0]?.title).toBe('Oversight');
      }
    });

    it('reads and parses each index once', async () => {
      const map = searchFiles();
      const reads: string[] = [];
      const pack = await PackContent.open(async (path) => (reads.push(path), map[path] ?? null));
      const [a, b] = await Promise.all([pack.search('en'), pack.search('en')]);
      const c = await pack.search('ar');
      expect(a.value).toBe(b.value);
      expect(c.value).toBe(a.value);
      expect(reads.filter((p) => p === 'en/search.json')).toHaveLength(1);
      // The pack does not list Arabic, so its index is not even asked for.
      expect(reads).not.toContain('ar/search.json');
    });

    it('reports a pack without any index as missing', async () => {
      const err = await (await open(files())).search('fr').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ContentError);
      expect(err).toMatchObject({ reason: 'missing' });
      expect(String(err)).toContain('en/search.json');
    });

    it('reports a damaged index as malformed instead of falling back, and picks up the repaired file', async () => {
      for (const broken of ['{"index": ', '{}', 'null']) {
        const map = searchFiles();
        map['fr/search.json'] = broken;
        const pack = await open(map);
        const err = await pack.search('fr').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ContentError);
        expect(err).toMatchObject({ reason: 'malformed' });
        expect(String(err)).toContain('fr/search.json');
        map['fr/search.json'] = searchFiles()['fr/search.json'] as string;
        await expect(pack.search('fr')).resolves.toMatchObject({ language: 'fr', isFallback: false });
      }
    });
  });
});
