import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Module } from '../../core/content/model';
import { moduleCompleted, sectionRead } from '../../core/xapi/statement';
import { useApp } from '../app/AppContext';
import { href, navigate } from '../app/router';
import { useItem } from '../app/useItem';
import { ContentUnavailable, FallbackNote, Loading } from '../components/ContentNotice';
import { Markdown } from '../components/Markdown';
import { GoFurther } from '../components/GoFurther';
import { readerPosition, saveReaderPosition } from '../db/positions';
import { contentAttributes } from '../i18n/languages';

export function ModuleReader({ moduleId, sectionId }: { moduleId: string; sectionId: string | undefined }): ReactNode {
  const state = useItem('module', moduleId);
  const { db, profile, progress, language } = useApp();
  const [resumeScroll, setResumeScroll] = useState<number | null>(null);

  // Opening a module without a section goes back to where this learner stopped.
  useEffect(() => {
    if (sectionId || state.status !== 'ready') return;
    let live = true;
    void readerPosition(db, profile.id, moduleId).then((pos) => {
      if (!live) return;
      const module = state.item.value;
      const target = [pos?.sectionId, progress.modules.get(moduleId)?.lastSectionId].find((id) => id && module.sections.some((s) => s.id === id));
      if (target && pos?.sectionId === target) setResumeScroll(pos.scrollTop);
      const first = module.sections[0];
      window.location.replace(href('modules', moduleId, target ?? first?.id ?? ''));
    });
    return () => {
      live = false;
    };
  }, [db, profile.id, moduleId, sectionId, state, progress]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ContentUnavailable detail={state.message} />;
  const module = state.item.value;
  const section = module.sections.find((s) => s.id === sectionId);
  if (!section) return <Loading />;
  return (
    <div className="screen reader">
      <nav className="reader-toc" aria-labelledby="toc-title">
        <h2 id="toc-title" className="toc-heading" {...contentAttributes(state.item.language)}>
          {module.title}
        </h2>
        <SectionList module={module} current={section.id} contentLanguage={state.item.language} />
        <GoFurther module={module} />
      </nav>
      <article className="reader-body">
        {state.item.isFallback ? <FallbackNote shownIn={state.item.language} wanted={language} /> : null}
        <SectionView key={section.id} module={module} sectionId={section.id} resumeScroll={resumeScroll} contentLanguage={state.item.language} />
      </article>
    </div>
  );
}

function SectionList({ module, current, contentLanguage }: { module: Module; current: string; contentLanguage: string }): ReactNode {
  const { t } = useTranslation();
  const { progress } = useApp();
  const read = progress.modules.get(module.id)?.sectionsRead;
  return (
    <ol className="section-list">
      {module.sections.map((s) => (
        <li key={s.id} className={read?.has(s.id) ? 'read' : undefined}>
          <a href={href('modules', module.id, s.id)} aria-current={s.id === current ? 'step' : undefined}>
            <span className="check" aria-hidden="true">
              {read?.has(s.id) ? '✓' : '○'}
            </span>
            <span {...contentAttributes(contentLanguage)}>{s.title}</span>
            {read?.has(s.id) ? <span className="visually-hidden"> ({t('reader.sectionDone')})</span> : null}
          </a>
        </li>
      ))}
    </ol>
  );
}

interface SectionViewProps {
  readonly module: Module;
  readonly sectionId: string;
  readonly resumeScroll: number | null;
  readonly contentLanguage: string;
}

function SectionView({ module, sectionId, resumeScroll, contentLanguage }: SectionViewProps): ReactNode {
  const { t } = useTranslation();
  const { db, profile, pack, progress, record } = useApp();
  const index = module.sections.findIndex((s) => s.id === sectionId);
  const section = module.sections[index];
  const next = module.sections[index + 1];
  const prev = module.sections[index - 1];
  const moduleProgress = progress.modules.get(module.id);
  const isRead = moduleProgress?.sectionsRead.has(sectionId) ?? false;
  const packId = pack?.index.id ?? '';
  const saveTimer = useRef<number | undefined>(undefined);

  // The reader remembers the section and the scroll offset, so a learner reopens exactly here.
  useEffect(() => {
    window.scrollTo(0, resumeScroll ?? 0);
    const save = (): void => void saveReaderPosition(db, { learnerId: profile.id, packId, moduleId: module.id, sectionId, scrollTop: Math.round(window.scrollY) }).catch(() => undefined);
    save();
    const onScroll = (): void => {
      window.clearTimeout(saveTimer.current);
      saveTimer.current = window.setTimeout(save, 400);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.clearTimeout(saveTimer.current);
    };
  }, [db, profile.id, packId, module.id, sectionId, resumeScroll]);

  if (!section) return null;

  const markDone = async (): Promise<void> => {
    const ref = { packId, moduleId: module.id, sectionId, title: section.title };
    const allReadAfter = module.sections.every((s) => s.id === sectionId || moduleProgress?.sectionsRead.has(s.id));
    const saved = await record((nextEnv) => [
      ...(isRead ? [] : [sectionRead(nextEnv(), ref)]),
      ...(allReadAfter && !moduleProgress?.completed ? [moduleCompleted(nextEnv(), { packId, moduleId: module.id, title: module.title })] : []),
    ]);
    if (saved && next) navigate('modules', module.id, next.id);
  };

  const complete = moduleProgress?.completed ?? false;
  return (
    <>
      <p className="step-count">{t('reader.sectionOf', { n: index + 1, total: module.sections.length })}</p>
      <div {...contentAttributes(contentLanguage)}>
        <h1 tabIndex={-1}>{section.title}</h1>
        <Markdown text={section.body} />
      </div>
      <div className="reader-actions">
        {prev ? (
          <a className="button" href={href('modules', module.id, prev.id)}>
            <span className="dir-icon" aria-hidden="true">
              ←
            </span>{' '}
            {t('reader.previous')}
          </a>
        ) : (
          <span />
        )}
        {!isRead ? (
          <button type="button" className="primary" onClick={() => void markDone()}>
            {next ? t('reader.markDoneNext') : t('reader.markDone')}
          </button>
        ) : next ? (
          <a className="button primary" href={href('modules', module.id, next.id)}>
            {t('reader.next')}{' '}
            <span className="dir-icon" aria-hidden="true">
              →
            </span>
          </a>
        ) : null}
      </div>
      {complete && !next ? (
        <div className="card done-card" role="status">
          <p>
            <strong>{t('reader.moduleComplete')}</strong>
          </p>
          {module.quizId ? (
            <a className="button primary" href={href('assessments', module.quizId)}>
              {t('reader.takeQuiz')}
            </a>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
