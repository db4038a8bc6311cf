import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { foldText } from '../../core/search/fold';
import { useApp } from '../app/AppContext';
import { useGlossary } from '../app/glossary';
import { href } from '../app/router';
import { LibraryTabs } from '../components/LibraryTabs';
import { contentAttributes } from '../i18n/languages';

/** Every term of the pack's glossaries, filtered as the learner types; `#/glossary/ID` opens at one term. */
export function GlossaryScreen({ termId }: { termId?: string | undefined }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const glossary = useGlossary();
  const [filter, setFilter] = useState('');
  const terms = useMemo(() => {
    const all = [...glossary.values()].sort((a, b) => a.term.localeCompare(b.term, a.language));
    const wanted = foldText(filter.trim());
    return wanted ? all.filter((e) => foldText(`${e.term} ${e.definition}`).includes(wanted)) : all;
  }, [glossary, filter]);
  useEffect(() => {
    if (!termId) return;
    const target = document.getElementById(`term-${termId}`);
    target?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  }, [termId, glossary]);
  return (
    <div className="screen">
      <LibraryTabs current="glossary" />
      <h1 tabIndex={-1}>{t('glossary.title')}</h1>
      <p className="lead">{t('glossary.intro')}</p>
      <label className="field">
        <span>{t('glossary.filter')}</span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <p role="status" className="muted">
        {t('glossary.count', { count: terms.length })}
      </p>
      <dl className="glossary">
        {terms.map((e) => (
          <div key={e.id} id={`term-${e.id}`} tabIndex={-1} className={e.id === termId ? 'glossary-entry current' : 'glossary-entry'} {...contentAttributes(e.language)}>
            <dt>{e.term}</dt>
            <dd>
              {e.definition}
              {e.source ? <span className="muted"> ({e.source})</span> : null}
              {e.see.length > 0 ? (
                <span className="see" lang={language}>
                  {' '}
                  {t('glossary.see')}{' '}
                  {e.see.map((id, i) => (
                    <span key={id}>
                      {i > 0 ? ', ' : ''}
                      <a href={href('glossary', id)} {...contentAttributes(glossary.get(id)?.language ?? e.language)}>
                        {glossary.get(id)?.term ?? id}
                      </a>
                    </span>
                  ))}
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
