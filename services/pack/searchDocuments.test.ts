import { describe, expect, it } from 'vitest';
import type { PackIndex } from '../../core/content/model';
import { searchDocuments } from './searchDocuments';

const index: PackIndex = {
  format: 1,
  id: 'p',
  version: 1,
  defaultLanguage: 'en',
  languages: ['en', 'fr'],
  title: { en: 'P' },
  items: [
    { kind: 'case', id: 'robodebt', order: 1, languages: ['en'] },
    { kind: 'glossary', id: 'terms', order: 1, languages: ['en', 'fr'] },
    { kind: 'template', id: 'aia', order: 1, languages: ['en'] },
  ],
};

const files = new Map<string, unknown>([
  ['en/cases/robodebt.json', { id: 'robodebt', title: 'Robodebt', sections: [{ id: 'facts', title: 'The facts', body: 'Income **averaging** raised debts.' }] }],
  ['en/glossary/terms.json', { id: 'terms', title: 'Glossary', terms: [{ id: 'deployer', term: 'Deployer', definition: 'Uses an AI system.', see: [] }] }],
  ['fr/glossary/terms.json', { id: 'terms', title: 'Glossaire', terms: [{ id: 'deployer', term: 'Déployeur', definition: 'Utilise un système d’IA.', see: [] }] }],
]);

describe('search documents', () => {
  it('indexes case-study sections and glossary terms, in the learner’s language where it exists', () => {
    const fr = searchDocuments(index, files, 'fr');
    expect(fr).toEqual([
      { id: 'case:robodebt#facts', kind: 'case', itemId: 'robodebt', anchor: 'facts', itemTitle: 'Robodebt', title: 'The facts', text: 'Income averaging raised debts.' },
      { id: 'glossary:terms#deployer', kind: 'glossary', itemId: 'terms', anchor: 'deployer', itemTitle: 'Glossaire', title: 'Déployeur', text: 'Utilise un système d’IA.' },
    ]);
  });
});
