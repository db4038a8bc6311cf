import { describe, expect, it } from 'vitest';
import { foldText } from './fold';
import { buildSearchIndex, PackSearch, type SearchDocument } from './searchIndex';

const doc = (id: string, title: string, text: string): SearchDocument => ({ id: `module:m#${id}`, kind: 'module', itemId: 'm', anchor: id, itemTitle: 'Module', title, text });

describe('foldText', () => {
  it.each([
    ['Résumé', 'resume'],
    ['ÉVALUATION', 'evaluation'],
    ['governança', 'GOVERNANCA'],
    ['Ñandú', 'nandu'],
    ['أَلذَّكَاءُ', 'الذكاء'],
    ['إدارة', 'اداره'],
    ['آلة', 'اله'],
    ['مستشفى', 'مستشفي'],
    ['الـــذكاء', 'الذكاء'],
  ])('%s -> %s', (input, folded) => {
    expect(foldText(input)).toBe(foldText(folded));
  });
});

describe('PackSearch', () => {
  const docs = [
    doc('a', 'Évaluation des risques', "Une évaluation d'impact sur les droits fondamentaux est requise."),
    doc('b', 'Human oversight', 'Deployers assign competent human oversight to high-risk systems.'),
    doc('c', 'الذكاء الاصطناعي', 'يُعرِّف النظامُ الذكاءَ الاصطناعيَّ بأنه نظام قائم على الآلة.'),
  ];
  const search = PackSearch.load(buildSearchIndex(docs));

  it('finds French words typed without accents and in capitals', () => {
    expect(search.search('EVALUATION')[0]?.anchor).toBe('a');
  });

  it('finds Arabic typed without tashkeel and with a bare alef', () => {
    expect(search.search('الذكاء')[0]?.anchor).toBe('c');
    expect(search.search('الالة')[0]?.anchor).toBe('c');
    expect(search.search('بأنه')[0]?.anchor).toBe('c');
  });

  it('marks the matching words in the snippet', () => {
    const hit = search.search('oversight')[0];
    expect(hit?.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['oversight']);
    expect(hit?.snippet.map((p) => p.text).join('')).toContain('competent human oversight');
  });

  it('treats empty and hostile queries as no results, not errors', () => {
    expect(search.search('   ')).toEqual([]);
    expect(search.search('((((*')).toEqual([]);
    expect(() => PackSearch.load('{"not":"an index"}')).toThrow();
  });
});
