/**
 * Full-text search over one language of a pack. The index is built when the
 * pack is built and shipped inside it; the app only loads and queries it.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { foldText, tokenize } from './fold';

export interface SearchDocument {
  /** `<kind>:<itemId>#<anchor>`. */
  readonly id: string;
  readonly kind: 'module' | 'guideline' | 'case' | 'glossary';
  readonly itemId: string;
  /** Section id (modules, cases), heading slug (guidelines) or term id (glossary) to open at. */
  readonly anchor: string;
  readonly itemTitle: string;
  readonly title: string;
  readonly text: string;
}

/** A document found, with the stretch of its text around the match instead of the whole text. */
export interface SearchHit extends Omit<SearchDocument, 'text'> {
  readonly snippet: SnippetPart[];
  readonly score: number;
}

/** A snippet as plain parts; `match` parts are shown highlighted. */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

const OPTIONS = {
  fields: ['title', 'text', 'itemTitle'],
  storeFields: ['kind', 'itemId', 'anchor', 'itemTitle', 'title', 'text'],
  tokenize,
  processTerm: (term: string) => foldText(term) || null,
  searchOptions: { boost: { title: 3, itemTitle: 1.5 }, prefix: true, fuzzy: 0.15, combineWith: 'AND' as const },
};

export function buildSearchIndex(documents: readonly SearchDocument[]): string {
  const index = new MiniSearch<SearchDocument>(OPTIONS);
  index.addAll(documents);
  return JSON.stringify(index);
}

export class PackSearch {
  private constructor(private readonly index: MiniSearch<SearchDocument>) {}

  /** Throws on an index that is not valid JSON or not a MiniSearch index. */
  static load(json: string): PackSearch {
    return new PackSearch(MiniSearch.loadJSON<SearchDocument>(json, OPTIONS));
  }

  search(query: string, limit = 20): SearchHit[] {
    if (!query.trim()) return [];
    return this.index
      .search(query)
      .slice(0, limit)
      .map((r) => toHit(r, query));
  }
}

function toHit(r: SearchResult, query: string): SearchHit {
  const text = String(r.text ?? '');
  return {
    id: r.id as string,
    kind: r.kind as SearchHit['kind'],
    itemId: String(r.itemId),
    anchor: String(r.anchor),
    itemTitle: String(r.itemTitle),
    title: String(r.title),
    snippet: snippet(text, [...r.terms, ...tokenize(query).map(foldText)]),
    score: r.score,
  };
}

const SNIPPET_CHARS = 180;

/** The stretch of `text` around the first match, with every matching word marked. */
export function snippet(text: string, foldedTerms: readonly string[]): SnippetPart[] {
  const words = [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)];
  const isMatch = (word: string): boolean => {
    const folded = foldText(word);
    return foldedTerms.some((t) => t.length > 0 && folded.startsWith(t));
  };
  const first = words.find((w) => isMatch(w[0]));
  const center = first?.index ?? 0;
  let start = Math.max(0, center - SNIPPET_CHARS / 3);
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  // Cut at word boundaries so no word is shown half.
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) start--;
  while (end < text.length && /[\p{L}\p{N}]/u.test(text[end] ?? '')) end++;
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', match: false });
  let at = start;
  for (const w of words) {
    const wStart = w.index ?? 0;
    if (wStart < start || wStart >= end) continue;
    if (!isMatch(w[0])) continue;
    if (wStart > at) parts.push({ text: text.slice(at, wStart), match: false });
    parts.push({ text: w[0], match: true });
    at = wStart + w[0].length;
  }
  if (at < end) parts.push({ text: text.slice(at, end), match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}
