import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit, SnippetPart } from '../../core/search/searchIndex';
import { ITEM_ROUTES } from '../../core/content/model';
import { href } from '../app/router';
import { contentAttributes, languageInfo } from '../i18n/languages';

interface HitGroup {
  readonly key: string;
  readonly kind: SearchHit['kind'];
  readonly itemId: string;
  readonly itemTitle: string;
  readonly hits: SearchHit[];
}

/** Hits gathered under their module or guideline, groups in the order of each one's best hit. */
export function groupByItem(hits: readonly SearchHit[]): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    const key = `${hit.kind}:${hit.itemId}`;
    const group = groups.get(key) ?? { key, kind: hit.kind, itemId: hit.itemId, itemTitle: hit.itemTitle, hits: [] };
    group.hits.push(hit);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Where a hit opens: the module at its section, or the guideline at its heading (its top for the text before any heading). */
export function hitHref(hit: SearchHit): string {
  if (hit.kind === 'glossary') return href('glossary', hit.anchor);
  // A guideline's opening text has no heading to open at.
  return hit.anchor ? href(ITEM_ROUTES[hit.kind], hit.itemId, hit.anchor) : href(ITEM_ROUTES[hit.kind], hit.itemId);
}

interface SearchResultsProps {
  readonly hits: readonly SearchHit[];
  /** The language an item's text is in: an index holds untranslated items in the pack's default language. */
  readonly languageOf: (kind: SearchHit['kind'], itemId: string) => string;
  /** The learner's language; items in another one are labelled with theirs. */
  readonly language: string;
  /** Called when the arrow keys move up past the first result. */
  readonly onLeaveUp: () => void;
}

export function SearchResults({ hits, languageOf, language, onLeaveUp }: SearchResultsProps): ReactNode {
  const list = useRef<HTMLOListElement>(null);

  // Tab reaches every result; the arrow keys are a quicker way through a long list.
  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('.search-hit-link') ?? [])];
    const at = links.findIndex((link) => link === document.activeElement);
    if (at === -1) return;
    e.preventDefault();
    const next = at + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) onLeaveUp();
    else links[Math.min(next, links.length - 1)]?.focus();
  };

  return (
    <ol className="search-results" ref={list} onKeyDown={onKeyDown}>
      {groupByItem(hits).map((group) => (
        <ResultGroup key={group.key} group={group} itemLanguage={languageOf(group.kind, group.itemId)} language={language} />
      ))}
    </ol>
  );
}

function ResultGroup({ group, itemLanguage, language }: { group: HitGroup; itemLanguage: string; language: string }): ReactNode {
  const { t } = useTranslation();
  const idPrefix = useId();
  const content = contentAttributes(itemLanguage);
  return (
    <li className="search-group">
      <h2 className="search-item">
        <span className="search-kind">{t(`search.kind.${group.kind}`)}</span>{' '}
        <span {...content}>{group.itemTitle}</span>
        {itemLanguage !== language ? (
          <>
            {' '}
            <span className="search-language" lang={itemLanguage}>
              {languageInfo(itemLanguage).nativeName}
            </span>
          </>
        ) : null}
      </h2>
      <ol className="search-hits">
        {group.hits.map((hit, i) => {
          const snippetId = `${idPrefix}-${i}`;
          // The text before a guideline's first heading is indexed under the guideline's own title.
          const intro = hit.kind === 'guideline' && !hit.anchor;
          return (
            <li key={hit.id} className="search-hit" {...content}>
              <a className="search-hit-link" href={hitHref(hit)} aria-describedby={snippetId} {...(intro ? contentAttributes(language) : {})}>
                {intro ? t('search.introduction') : hit.title}
              </a>
              <p id={snippetId} className="search-snippet">
                <Snippet parts={hit.snippet} />
              </p>
            </li>
          );
        })}
      </ol>
    </li>
  );
}

function Snippet({ parts }: { parts: readonly SnippetPart[] }): ReactNode {
  return parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text));
}
