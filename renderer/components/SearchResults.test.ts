import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../core/search/searchIndex';
import { groupByItem, hitHref } from './SearchResults';

const hit = (kind: SearchHit['kind'], itemId: string, anchor: string): SearchHit => ({
  id: `${kind}:${itemId}#${anchor}`,
  kind,
  itemId,
  anchor,
  itemTitle: itemId,
  title: anchor,
  snippet: [],
  score: 1,
});

describe('search results', () => {
  it('opens a module at its section and a guideline at its heading, or at its top for the opening text', () => {
    expect(hitHref(hit('module', 'm', 's-1'))).toBe('#/modules/m/s-1');
    expect(hitHref(hit('guideline', 'g', 'scope'))).toBe('#/guidelines/g/scope');
    expect(hitHref(hit('guideline', 'g', ''))).toBe('#/guidelines/g');
    expect(hitHref(hit('guideline', 'g', 'الذكاء'))).toBe(`#/guidelines/g/${encodeURIComponent('الذكاء')}`);
  });

  it('opens a case study at its section and a glossary hit at its term', () => {
    expect(hitHref(hit('case', 'robodebt', 'norms'))).toBe('#/cases/robodebt/norms');
    expect(hitHref(hit('glossary', 'terms', 'deployer'))).toBe('#/glossary/deployer');
  });

  it('groups hits under their item, in the order of each item’s best hit', () => {
    const groups = groupByItem([hit('module', 'a', '1'), hit('guideline', 'a', 'x'), hit('module', 'b', '1'), hit('module', 'a', '2')]);
    expect(groups.map((g) => [g.key, g.hits.map((h) => h.anchor)])).toEqual([
      ['module:a', ['1', '2']],
      ['guideline:a', ['x']],
      ['module:b', ['1']],
    ]);
  });
});
