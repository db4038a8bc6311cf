import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { moduleFraction, overallProgress } from '../../core/progress';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { ProgressBar } from '../components/ProgressBar';
import { formatDate, formatPercent } from '../i18n/format';

export function ProgressScreen(): ReactNode {
  const { t } = useTranslation();
  const { pack, progress, language, profile } = useApp();
  const modules = useItems('module');
  const quizzes = useItems('quiz');
  if (!pack) return null;
  const overall = overallProgress(progress, pack.index);
  return (
    <div className="screen">
      <h1 tabIndex={-1}>{t('progress.title', { name: profile.name })}</h1>
      <section className="card">
        <h2>{t('progress.overall')}</h2>
        <ProgressBar fraction={overall.fraction} label={t('progress.overall')} language={language} />
        <ul className="stats">
          <li>{t('progress.modulesCompleted', { count: overall.modulesCompleted, total: overall.modulesTotal })}</li>
          <li>{t('progress.quizzesPassed', { count: overall.quizzesPassed, total: overall.quizzesTotal })}</li>
        </ul>
      </section>
      <section className="card">
        <h2>{t('progress.byModule')}</h2>
        <table className="progress-table">
          <thead>
            <tr>
              <th scope="col">{t('progress.module')}</th>
              <th scope="col">{t('progress.sectionsRead')}</th>
              <th scope="col">{t('progress.lastRead')}</th>
            </tr>
          </thead>
          <tbody>
            {modules.map(({ id, state }) => {
              const item = pack.list('module').find((m) => m.id === id);
              const mp = progress.modules.get(id);
              const title = state.status === 'ready' ? state.item.value.title : id;
              return (
                <tr key={id}>
                  <th scope="row">
                    <a href={href('modules', id)}>{title}</a>
                  </th>
                  <td>{item ? <ProgressBar fraction={moduleFraction(progress, item)} label={title} language={language} /> : null}</td>
                  <td>{mp?.lastAt ? formatDate(mp.lastAt, language) : t('progress.notStarted')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t('progress.byQuiz')}</h2>
        <table className="progress-table">
          <thead>
            <tr>
              <th scope="col">{t('progress.quiz')}</th>
              <th scope="col">{t('progress.best')}</th>
              <th scope="col">{t('progress.attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {quizzes.map(({ id, state }) => {
              const qp = progress.quizzes.get(id);
              return (
                <tr key={id}>
                  <th scope="row">
                    <a href={href('assessments', id)}>{state.status === 'ready' ? state.item.value.title : id}</a>
                  </th>
                  <td>{qp?.best ? `${formatPercent(qp.best.percent / 100, language)} ${qp.passed ? `(${t('quiz.passedShort')})` : ''}` : '—'}</td>
                  <td>{qp ? qp.attempts.length : 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
