import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../core/search/searchIndex';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { usePackSearch } from '../app/usePackSearch';
import { ContentUnavailable, Loading } from '../components/ContentNotice';
import { SearchResults } from '../components/SearchResults';
import { SEARCH_SCREEN_FIELD_ID, SEARCH_SHORTCUTS, useSearchShortcut } from '../components/searchShortcut';
import { formatNumber } from '../i18n/format';
import { languageInfo } from '../i18n/languages';

/** Enough for any sensible query on one pack; past it the learner is asked to add a word. */
const RESULT_LIMIT = 50;
const ROUTE_DELAY_MS = 150;

/** Keeps the typed words apart from the sentence around them, whatever the scripts (U+2068 … U+2069). */
const isolate = (text: string): string => `\u2068${text}\u2069`;

export function Search({ query }: { query: string }): ReactNode {
  const { t } = useTranslation();
  const { pack, language } = useApp();
  const state = usePackSearch();
  const field = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const { text, change, commit } = useQueryField(query);
  useSearchShortcut(field);

  const trimmed = query.trim();
  const hits = useMemo<SearchHit[]>(() => (state.status === 'ready' ? state.index.value.search(trimmed, RESULT_LIMIT) : []), [state, trimmed]);
  const searched = state.status === 'ready' && trimmed !== '';

  const status = !searched
    ? ''
    : hits.length === 0
      ? t('search.noResults', { query: isolate(trimmed) })
      : [
          t('search.count', { count: hits.length, n: formatNumber(hits.length, language), query: isolate(trimmed) }),
          hits.length === RESULT_LIMIT ? t('search.capped') : '',
        ].join(' ');

  const toFirstResult = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key !== 'ArrowDown') return;
    const first = results.current?.querySelector<HTMLElement>('.search-hit-link');
    if (first) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="screen search-screen">
      <h1 id={headingId} tabIndex={-1}>
        {t('search.title')}
      </h1>
      <form role="search" className="search-form" aria-labelledby={headingId} onSubmit={(e) => (e.preventDefault(), commit())}>
        <label htmlFor={SEARCH_SCREEN_FIELD_ID}>{t('search.fieldLabel')}</label>
        <input
          id={SEARCH_SCREEN_FIELD_ID}
          ref={field}
          type="search"
          dir={text ? 'auto' : undefined}
          enterKeyHint="search"
          autoComplete="off"
          aria-keyshortcuts={SEARCH_SHORTCUTS}
          placeholder={t('search.fieldPlaceholder')}
          value={text}
          onChange={(e) => change(e.target.value)}
          onKeyDown={toFirstResult}
        />
      </form>
      {/* Present from the start, so screen readers announce each new count. */}
      <p className="search-status" role="status">
        {status}
      </p>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <ContentUnavailable detail={state.message} />
      ) : (
        <div ref={results}>
          {state.index.isFallback ? (
            <p className="fallback-note">
              {t('search.fallback', { shown: languageInfo(state.index.language).nativeName, wanted: languageInfo(language).nativeName })}
            </p>
          ) : null}
          {!trimmed ? (
            <p className="hint">{t('search.prompt')}</p>
          ) : hits.length === 0 ? (
            <p className="hint search-empty">{t('search.noResultsHint')}</p>
          ) : (
            <SearchResults
              hits={hits}
              language={language}
              languageOf={(kind, itemId) => {
                // The index was built with the same rule, so this names the language each hit's text is in.
                const item = pack?.index.items.find((i) => i.kind === kind && i.id === itemId);
                return item && pack ? pack.languageFor(item, state.index.language) : state.index.language;
              }}
              onLeaveUp={() => field.current?.focus()}
            />
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The field's text and the route's query kept in step: typing rewrites the route
 * after a pause (replacing the history entry, so Back leaves search in one step),
 * and a query arriving from elsewhere (the top-bar box, a link) replaces the text.
 */
function useQueryField(query: string): { text: string; change: (value: string) => void; commit: () => void } {
  const [text, setText] = useState(query);
  const [seen, setSeen] = useState(query);
  const [written, setWritten] = useState(query.trim());
  const timer = useRef<number | undefined>(undefined);

  if (query !== seen) {
    setSeen(query);
    // Our own write coming back must not undo what was typed since.
    if (query !== written) setText(query);
  }

  // Leaving the screen drops a pending write, so it cannot pull the learner back here.
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const write = (value: string): void => {
    window.clearTimeout(timer.current);
    const q = value.trim();
    setWritten(q);
    window.location.replace(q ? href('search', q) : href('search'));
  };
  const change = (value: string): void => {
    setText(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => write(value), ROUTE_DELAY_MS);
  };
  return { text, change, commit: () => write(text) };
}
