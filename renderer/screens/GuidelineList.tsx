import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { contentAttributes } from '../i18n/languages';
import { ContentUnavailable, FallbackNote } from '../components/ContentNotice';
import { LibraryTabs } from '../components/LibraryTabs';

export function GuidelineList(): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const items = useItems('guideline');
  return (
    <div className="screen">
      <LibraryTabs current="guidelines" />
      <h1 tabIndex={-1}>{t('guidelines.title')}</h1>
      <p className="lead">{t('guidelines.intro')}</p>
      <ul className="item-list">
        {items.map(({ id, state }) => (
          <li key={id} className="card item-card">
            {state.status === 'error' ? <ContentUnavailable detail={state.message} /> : null}
            {state.status === 'loading' ? <p aria-busy="true">{t('common.loading')}</p> : null}
            {state.status === 'ready' ? (
              <>
                <h2 {...contentAttributes(state.item.language)}>
                  <a href={href('guidelines', id)}>{state.item.value.title}</a>
                </h2>
                {state.item.isFallback ? <FallbackNote shownIn={state.item.language} wanted={language} /> : null}
                <p className="muted">
                  {state.item.value.issuer} · {state.item.value.adopted}
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
