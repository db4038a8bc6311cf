import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router';
import { SEARCH_SHORTCUTS, useSearchShortcut } from './searchShortcut';

/** The search field of the top bar: Enter opens the search screen with what was typed. */
export function SearchBox(): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  useSearchShortcut(field);

  const submit = (): void => {
    const query = text.trim();
    // The search screen shows the query in its own field, so this one is left empty for the next search.
    setText('');
    navigate('search', ...(query ? [query] : []));
  };

  return (
    <form role="search" className="search-box" aria-label={t('search.boxLabel')} onSubmit={(e) => (e.preventDefault(), submit())}>
      <label htmlFor={id} className="visually-hidden">
        {t('search.boxLabel')}
      </label>
      <input
        id={id}
        ref={field}
        type="search"
        // Typed words may be in another script than the interface; an empty field keeps the interface's direction.
        dir={text ? 'auto' : undefined}
        enterKeyHint="search"
        autoComplete="off"
        aria-keyshortcuts={SEARCH_SHORTCUTS}
        title={t('search.shortcutHint')}
        placeholder={t('search.boxPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="search-box-submit">
        <SearchIcon />
        <span className="visually-hidden">{t('search.submit')}</span>
      </button>
    </form>
  );
}

function SearchIcon(): ReactNode {
  return (
    <svg className="search-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d="M15.5 15.5 21 21" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
