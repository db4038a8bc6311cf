import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { contentAttributes } from '../i18n/languages';
import { ContentUnavailable, FallbackNote } from '../components/ContentNotice';
import { formatNumber } from '../i18n/format';

export function GuideList(): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const items = useItems('guide');
  return (
    <div className="screen">
      <p>
        <a href={href('modules')}>{t('guides.backToModules')}</a>
      </p>
      <h1 tabIndex={-1}>{t('guides.title')}</h1>
      <p className="lead">{t('guides.intro')}</p>
      {items.length === 0 ? <p>{t('guides.none')}</p> : null}
      <ul className="item-list">
        {items.map(({ id, state }) => (
          <li key={id} className="card item-card">
            {state.status === 'error' ? <ContentUnavailable detail={state.message} /> : null}
            {state.status === 'loading' ? <p aria-busy="true">{t('common.loading')}</p> : null}
            {state.status === 'ready' ? (
              <>
                <h2 {...contentAttributes(state.item.language)}>
                  <a href={href('guides', id)}>{state.item.value.title}</a>
                </h2>
                {state.item.isFallback ? <FallbackNote shownIn={state.item.language} wanted={language} /> : null}
                <p className="muted">{t('guides.minutes', { count: state.item.value.durationMinutes, n: formatNumber(state.item.value.durationMinutes, language) })}</p>
                <p {...contentAttributes(state.item.language)}>{state.item.value.summary}</p>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
