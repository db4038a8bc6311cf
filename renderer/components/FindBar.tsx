import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { useApp } from '../app/AppContext';

/**
 * In-page find over the rendered text. Matches are painted with the CSS Custom
 * Highlight API, so React's DOM is never modified. Ctrl+F (⌘F) focuses the box,
 * Enter and Shift+Enter step through matches, Escape clears.
 */
export function FindBar({ container, textKey }: { container: RefObject<HTMLElement | null>; textKey: string }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [ranges, setRanges] = useState<Range[]>([]);
  const [current, setCurrent] = useState(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const root = container.current;
    const found = root && query.trim().length > 0 ? findRanges(root, query.trim()) : [];
    setRanges(found);
    setCurrent(0);
  }, [container, query, textKey]);

  useEffect(() => {
    const highlights = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
    if (highlights) {
      highlights.set('find-match', new Highlight(...ranges));
      const active = ranges[current];
      if (active) highlights.set('find-current', new Highlight(active));
      else highlights.delete('find-current');
    }
    ranges[current]?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    return () => {
      highlights?.delete('find-match');
      highlights?.delete('find-current');
    };
  }, [ranges, current]);

  const step = (by: number): void => {
    if (ranges.length > 0) setCurrent((c) => (c + by + ranges.length) % ranges.length);
  };

  return (
    <div className="find-bar" role="search">
      <label htmlFor="find-input" className="visually-hidden">
        {t('find.label')}
      </label>
      <input
        id="find-input"
        ref={input}
        type="search"
        placeholder={t('find.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') setQuery('');
        }}
      />
      <span className="find-count" aria-live="polite">
        {query.trim() ? (ranges.length ? t('find.count', { n: formatNumber(current + 1, language), total: formatNumber(ranges.length, language) }) : t('find.none')) : ''}
      </span>
      <button type="button" onClick={() => step(-1)} disabled={ranges.length === 0} aria-label={t('find.previous')}>
        ↑
      </button>
      <button type="button" onClick={() => step(1)} disabled={ranges.length === 0} aria-label={t('find.next')}>
        ↓
      </button>
    </div>
  );
}

function findRanges(root: HTMLElement, query: string): Range[] {
  const needle = query.toLocaleLowerCase();
  const out: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('.find-bar') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node && out.length < 1000; node = walker.nextNode()) {
    const text = (node as Text).data;
    const hay = text.toLocaleLowerCase();
    // Lower-casing can change length in a few scripts; offsets would then be wrong, so skip such nodes.
    if (hay.length !== text.length) continue;
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length)) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      out.push(range);
    }
  }
  return out;
}
