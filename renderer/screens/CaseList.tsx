import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { contentAttributes } from '../i18n/languages';
import { ContentUnavailable, FallbackNote } from '../components/ContentNotice';
import { LibraryTabs } from '../components/LibraryTabs';

export function CaseList(): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const items = useItems('case');
  return (
    <div className="screen">
      <LibraryTabs current="cases" />
      <h1 tabIndex={-1}>{t('cases.title')}</h1>
      <p className="lead">{t('cases.intro')}</p>
      {items.length === 0 ? <p>{t('cases.none')}</p> : null}
      <ul className="item-list">
        {items.map(({ id, state }) => (
          <li key={id} className="card item-card">
            {state.status === 'error' ? <ContentUnavailable detail={state.message} /> : null}
            {state.status === 'loading' ? <p aria-busy="true">{t('common.loading')}</p> : null}
            {state.status === 'ready' ? (
              <>
                <h2 {...contentAttributes(state.item.language)}>
                  <a href={href('cases', id)}>{state.item.value.title}</a>
                </h2>
                {state.item.isFallback ? <FallbackNote shownIn={state.item.language} wanted={language} /> : null}
                <p className="muted" {...contentAttributes(state.item.language)}>
                  {[state.item.value.place, state.item.value.period, state.item.value.sector].filter(Boolean).join(' · ')}
                </p>
                <p {...contentAttributes(state.item.language)}>{state.item.value.summary}</p>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
