import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { contentAttributes } from '../i18n/languages';
import { ContentUnavailable, FallbackNote } from '../components/ContentNotice';
import { ItemCards } from '../components/ItemCards';
import { formatNumber, formatPercent } from '../i18n/format';

export function AssessmentList(): ReactNode {
  const { t } = useTranslation();
  const { progress, language } = useApp();
  const items = useItems('quiz');
  return (
    <div className="screen">
      <h1 tabIndex={-1}>{t('assessments.title')}</h1>
      <h2>{t('assessments.quizzes')}</h2>
      <ul className="item-list">
        {items.map(({ id, state }) => {
          const qp = progress.quizzes.get(id);
          return (
            <li key={id} className="card item-card">
              {state.status === 'error' ? <ContentUnavailable detail={state.message} /> : null}
              {state.status === 'loading' ? <p aria-busy="true">{t('common.loading')}</p> : null}
              {state.status === 'ready' ? (
                <>
                  <h3 {...contentAttributes(state.item.language)}>
                    <a href={href('assessments', id)}>{state.item.value.title}</a>
                  </h3>
                  {state.item.isFallback ? <FallbackNote shownIn={state.item.language} wanted={language} /> : null}
                  <p className="muted">
                    {t('assessments.questions', { count: state.item.value.questions.length, n: formatNumber(state.item.value.questions.length, language) })}
                    {' · '}
                    {t('assessments.passMark', { percent: formatPercent(state.item.value.passMark / 100, language) })}
                  </p>
                  <p>
                    {qp?.best
                      ? t(qp.passed ? 'assessments.bestPassed' : 'assessments.bestNotPassed', { percent: formatPercent(qp.best.percent / 100, language), count: qp.attempts.length })
                      : t('assessments.notTaken')}
                  </p>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      <TemplateSection />
    </div>
  );
}

/** Forms to fill in about a real system: they are scored and give a printable report. */
function TemplateSection(): ReactNode {
  const { t } = useTranslation();
  const { pack } = useApp();
  if (!pack || pack.list('template').length === 0) return null;
  return (
    <section aria-labelledby="templates-title">
      <h2 id="templates-title">{t('templates.title')}</h2>
      <p className="lead">{t('templates.intro')}</p>
      <ItemCards kind="template" level="h3" details={(template, lang) => <p {...contentAttributes(lang)}>{template.summary}</p>} />
    </section>
  );
}
