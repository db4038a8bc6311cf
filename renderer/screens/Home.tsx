import type { ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { latestReaderPosition } from '../db/positions';
import { overallProgress } from '../../core/progress';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItem } from '../app/useItem';
import { ProgressBar } from '../components/ProgressBar';
import { formatDate } from '../i18n/format';
import { contentAttributes } from '../i18n/languages';

function ContinueCard(): ReactNode {
  const { t } = useTranslation();
  const { db, pack, profile, progress, language } = useApp();
  // This device's reader position is the freshest; progress folded from statements covers other devices.
  const position = useLiveQuery(() => latestReaderPosition(db, profile.id), [db, profile.id]);
  const fromPosition = position && position.packId === pack?.index.id ? { moduleId: position.moduleId, sectionId: position.sectionId, at: position.updatedAt } : undefined;
  const last = fromPosition && (!progress.last || fromPosition.at >= progress.last.at) ? fromPosition : progress.last;
  const firstModule = pack?.list('module')[0];
  const moduleId = last?.moduleId ?? firstModule?.id;
  const state = useItem('module', moduleId);
  if (!moduleId) return null;
  const module = state.status === 'ready' ? state.item.value : null;
  const section = module?.sections.find((s) => s.id === last?.sectionId);
  return (
    <section className="card continue-card" aria-labelledby="continue-title">
      <h2 id="continue-title">{last ? t('home.continueTitle') : t('home.startTitle')}</h2>
      <p className="continue-module" {...(state.status === 'ready' ? contentAttributes(state.item.language) : {})}>
        {module?.title ?? ' '}
      </p>
      {last && section ? <p className="muted">{t('home.lastSection', { section: section.title, when: formatDate(last.at, language) })}</p> : null}
      <a className="button primary" href={href('modules', moduleId)}>
        {last ? t('home.continueAction') : t('home.startAction')}
      </a>
    </section>
  );
}

export function Home(): ReactNode {
  const { t } = useTranslation();
  const { pack, profile, progress, language } = useApp();
  if (!pack) return null;
  const overall = overallProgress(progress, pack.index);
  return (
    <div className="screen home">
      <h1 tabIndex={-1}>{t('home.greeting', { name: profile.name })}</h1>
      <ContinueCard />
      <section className="card" aria-labelledby="overall-title">
        <h2 id="overall-title">{t('home.overallTitle')}</h2>
        <ProgressBar fraction={overall.fraction} label={t('home.overallTitle')} language={language} />
        <ul className="stats">
          <li>{t('progress.modulesCompleted', { count: overall.modulesCompleted, total: overall.modulesTotal })}</li>
          <li>{t('progress.quizzesPassed', { count: overall.quizzesPassed, total: overall.quizzesTotal })}</li>
        </ul>
        <a href={href('progress')}>{t('home.seeProgress')}</a>
      </section>
    </div>
  );
}
