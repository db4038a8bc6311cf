import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { moduleFraction } from '../../core/progress';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { contentAttributes } from '../i18n/languages';
import { ContentUnavailable, FallbackNote } from '../components/ContentNotice';
import { ProgressBar } from '../components/ProgressBar';
import { formatNumber } from '../i18n/format';

export function ModuleList(): ReactNode {
  const { t } = useTranslation();
  const { pack, progress, language } = useApp();
  const items = useItems('module');
  if (!pack) return null;
  return (
    <div className="screen">
      <h1 tabIndex={-1}>{t('modules.title')}</h1>
      {pack.list('guide').length > 0 ? (
        <p className="lead">
          {t('modules.forTrainers')} <a href={href('guides')}>{t('modules.guidesLink')}</a>
        </p>
      ) : null}
      <ul className="item-list">
        {items.map(({ id, state }) => {
          const indexItem = pack.list('module').find((m) => m.id === id);
          const fraction = indexItem ? moduleFraction(progress, indexItem) : 0;
          return (
            <li key={id} className="card item-card">
              {state.status === 'error' ? <ContentUnavailable detail={state.message} /> : null}
              {state.status === 'ready' ? (
                <>
                  <h2 {...contentAttributes(state.item.language)}>
                    <a href={href('modules', id)}>{state.item.value.title}</a>
                  </h2>
                  {state.item.isFallback ? <FallbackNote shownIn={state.item.language} wanted={language} /> : null}
                  <p {...contentAttributes(state.item.language)}>{state.item.value.summary}</p>
                  <p className="muted">
                    {t('modules.duration', { count: state.item.value.durationMinutes, minutes: formatNumber(state.item.value.durationMinutes, language) })}
                    {' · '}
                    {t('modules.sections', { count: state.item.value.sections.length, n: formatNumber(state.item.value.sections.length, language) })}
                    {progress.modules.get(id)?.completed ? <> · <strong className="done-mark">{t('modules.completed')}</strong></> : null}
                  </p>
                  <ProgressBar fraction={fraction} label={t('modules.progressOf', { title: state.item.value.title })} language={language} />
                </>
              ) : null}
              {state.status === 'loading' ? <p aria-busy="true">{t('common.loading')}</p> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
