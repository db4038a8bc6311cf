/** What the search index of one language holds: module sections, guideline parts, case-study sections and glossary terms. */
import type { CaseStudy, Glossary, Guideline, Module, PackIndex } from '../../core/content/model';
import { itemPath } from '../../core/content/model';
import { markdownToPlainText, splitAtHeadings } from '../../core/content/markdown';
import type { SearchDocument } from '../../core/search/searchIndex';

/**
 * Documents for `language`. An item not translated into it is indexed in the
 * pack's default language, as the app will show it.
 */
export function searchDocuments(index: PackIndex, files: ReadonlyMap<string, unknown>, language: string): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const item of index.items) {
    const lang = item.languages.includes(language) ? language : index.defaultLanguage;
    const value = files.get(itemPath(lang, item.kind, item.id));
    if (item.kind === 'module') {
      const module = value as Module;
      for (const s of module.sections) {
        docs.push({ id: `module:${module.id}#${s.id}`, kind: 'module', itemId: module.id, anchor: s.id, itemTitle: module.title, title: s.title, text: markdownToPlainText(s.body) });
      }
    } else if (item.kind === 'case') {
      const c = value as CaseStudy;
      for (const s of c.sections) {
        docs.push({ id: `case:${c.id}#${s.id}`, kind: 'case', itemId: c.id, anchor: s.id, itemTitle: c.title, title: s.title, text: markdownToPlainText(s.body) });
      }
    } else if (item.kind === 'glossary') {
      const g = value as Glossary;
      for (const term of g.terms) {
        docs.push({ id: `glossary:${g.id}#${term.id}`, kind: 'glossary', itemId: g.id, anchor: term.id, itemTitle: g.title, title: term.term, text: term.definition });
      }
    } else if (item.kind === 'guideline') {
      const g = value as Guideline;
      for (const part of splitAtHeadings(g.body)) {
        docs.push({
          id: `guideline:${g.id}#${part.slug}`,
          kind: 'guideline',
          itemId: g.id,
          anchor: part.slug,
          itemTitle: g.title,
          title: part.title || g.title,
          text: markdownToPlainText(part.slug ? part.body : `${g.summary} ${part.body}`),
        });
      }
    }
  }
  return docs;
}
