import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentTemplate } from '../../core/content/template';
import { allFields } from '../../core/content/template';
import { isAnswered } from '../../core/assessment/score';
import { useApp } from '../app/AppContext';
import { href, navigate } from '../app/router';
import { useItem } from '../app/useItem';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ContentUnavailable, FallbackNote, Loading } from '../components/ContentNotice';
import { ItemLinks } from '../components/ItemLinks';
import { Markdown } from '../components/Markdown';
import type { TemplateResponse } from '../db/database';
import { deleteResponse, listResponses, restoreResponse, startResponse } from '../db/templateResponses';
import { formatDate } from '../i18n/format';
import { contentAttributes } from '../i18n/languages';

function answeredCount(template: AssessmentTemplate, response: TemplateResponse): [number, number] {
  const fields = allFields(template);
  return [fields.filter((f) => isAnswered(f, response.answers[f.id])).length, fields.length];
}

/** A template's introduction and this learner's assessments made with it. */
export function TemplateHome({ templateId }: { templateId: string }): ReactNode {
  const { t } = useTranslation();
  const { db, profile, pack, language } = useApp();
  const state = useItem('template', templateId);
  const [responses, setResponses] = useState<TemplateResponse[] | null>(null);
  const [name, setName] = useState('');
  const [toDelete, setToDelete] = useState<TemplateResponse | null>(null);
  const [deleted, setDeleted] = useState<TemplateResponse | null>(null);
  const reload = useCallback(() => void listResponses(db, profile.id, templateId).then(setResponses), [db, profile.id, templateId]);
  useEffect(reload, [reload]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ContentUnavailable detail={state.message} />;
  const template = state.item.value;
  const lang = state.item.language;

  const start = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!name.trim() || !pack) return;
    const row = await startResponse(db, { learnerId: profile.id, packId: pack.index.id, templateId, name: name.trim() });
    navigate('templates', templateId, row.id);
  };
  const confirmDelete = async (): Promise<void> => {
    if (!toDelete) return;
    const removed = await deleteResponse(db, toDelete.id);
    setToDelete(null);
    setDeleted(removed ?? null);
    reload();
  };
  const undo = async (): Promise<void> => {
    if (!deleted) return;
    await restoreResponse(db, deleted);
    setDeleted(null);
    reload();
  };

  return (
    <div className="screen">
      <p>
        <a href={href('assessments')}>{t('templates.backToAssessments')}</a>
      </p>
      {state.item.isFallback ? <FallbackNote shownIn={lang} wanted={language} /> : null}
      <h1 tabIndex={-1} {...contentAttributes(lang)}>
        {template.title}
      </h1>
      <div {...contentAttributes(lang)}>
        <Markdown text={template.intro} />
      </div>
      {template.moduleId ? <ItemLinks heading={t('templates.module')} kind="module" ids={[template.moduleId]} /> : null}

      <section aria-labelledby="start-title" className="card">
        <h2 id="start-title">{t('templates.startTitle')}</h2>
        <form onSubmit={(e) => void start(e)} className="inline-form">
          <label className="field">
            <span>{t('templates.nameLabel')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required placeholder={t('templates.namePlaceholder')} />
          </label>
          <button type="submit" className="primary" disabled={!name.trim()}>
            {t('templates.start')}
          </button>
        </form>
      </section>

      {deleted ? (
        <p className="notice notice-info" role="status">
          {t('templates.deleted', { name: deleted.name })}{' '}
          <button type="button" onClick={() => void undo()}>
            {t('common.undo')}
          </button>
        </p>
      ) : null}

      <section aria-labelledby="saved-title">
        <h2 id="saved-title">{t('templates.savedTitle')}</h2>
        {responses === null ? <Loading /> : responses.length === 0 ? <p>{t('templates.noneSaved')}</p> : null}
        <ul className="item-list">
          {(responses ?? []).map((r) => {
            const [done, total] = answeredCount(template, r);
            return (
              <li key={r.id} className="card item-card response-card">
                <h3>
                  <a href={href('templates', templateId, r.id)}>{r.name}</a>
                </h3>
                <p className="muted">
                  {t('templates.answeredOf', { done, total })} · {t('templates.savedAt', { date: formatDate(r.updatedAt, language) })}
                </p>
                <p className="actions">
                  <a className="button" href={href('templates', templateId, r.id)}>
                    {t('templates.continue')}
                  </a>
                  <a className="button" href={href('templates', templateId, r.id, 'report')}>
                    {t('templates.report')}
                  </a>
                  <button type="button" className="danger" onClick={() => setToDelete(r)}>
                    {t('templates.delete')}
                  </button>
                </p>
              </li>
            );
          })}
        </ul>
      </section>
      <ConfirmDialog
        open={toDelete !== null}
        title={t('templates.deleteTitle', { name: toDelete?.name ?? '' })}
        confirmLabel={t('templates.delete')}
        danger
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      >
        <p>{t('templates.deleteBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
