import { describe, expect, it } from 'vitest';
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
});
