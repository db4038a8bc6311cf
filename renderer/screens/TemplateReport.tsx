import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { deadlineOf, missingRequired, scoreTemplate, selected, unansweredScored } from '../../core/assessment/score';
import type { Answer, AssessmentTemplate, TemplateField } from '../../core/content/template';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItem } from '../app/useItem';
import { useResponse } from '../app/useResponse';
import { ContentUnavailable, Loading } from '../components/ContentNotice';
import { Markdown } from '../components/Markdown';
import { ScoreSummary } from '../components/ScoreSummary';
import { formatDate, formatDay } from '../i18n/format';
import { contentAttributes } from '../i18n/languages';

function answerText(field: TemplateField, answer: Answer | undefined, template: AssessmentTemplate, t: (key: string) => string, language: string): string {
  const chosen = selected(answer);
  if (chosen.length === 0) return field.type === 'multiple' && Array.isArray(answer) ? t('templates.noneChosen') : '—';
  switch (field.type) {
    case 'choice':
    case 'multiple':
      return field.options.filter((o) => chosen.includes(o.id)).map((o) => o.text).join('; ') || '—';
    case 'scale':
      return template.scale[Number(chosen[0])] ?? '—';
    case 'check':
      return t(`templates.check.${chosen[0]}`);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(chosen[0] ?? '') ? formatDay(chosen[0] ?? '', language) : (chosen[0] ?? '');
    default:
      return chosen[0] ?? '';
  }
}

/** The printable report of one filled-in template: result, what it requires, and every answer. */
export function TemplateReport({ templateId, responseId }: { templateId: string; responseId: string }): ReactNode {
  const { t } = useTranslation();
  const { language, profile, pack } = useApp();
  const state = useItem('template', templateId);
  const { response } = useResponse(responseId);
  if (state.status === 'loading' || response === undefined) return <Loading />;
  if (state.status === 'error') return <ContentUnavailable detail={state.message} />;
  if (response === null) return <ContentUnavailable detail={t('templates.notFound')} />;
  const template = state.item.value;
  const lang = state.item.language;
  const result = scoreTemplate(template, response.answers);
  const missing = missingRequired(template, response.answers);
  const unanswered = unansweredScored(template, response.answers);
  const deadline = deadlineOf(template, response.answers);
  const tr = (key: string): string => t(key);

  return (
    <div className="screen report">
      <p className="no-print actions">
        <a className="button" href={href('templates', templateId, responseId)}>
          {t('templates.backToForm')}
        </a>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('templates.print')}
        </button>
      </p>
      <p className="muted">{t('templates.reportKicker')}</p>
      <h1 tabIndex={-1} {...contentAttributes(lang)}>
        {template.title}
      </h1>
      <dl className="facts">
        <dt>{t('templates.nameLabel')}</dt>
        <dd>{response.name}</dd>
        <dt>{t('templates.preparedBy')}</dt>
        <dd>{profile.name}</dd>
        <dt>{t('templates.lastChanged')}</dt>
        <dd>{formatDate(response.updatedAt, language)}</dd>
        {pack ? (
          <>
            <dt>{t('templates.pack')}</dt>
            <dd>{pack.index.title[lang] ?? pack.index.title[pack.index.defaultLanguage] ?? pack.index.id}</dd>
          </>
        ) : null}
      </dl>
      {missing.length > 0 || unanswered.length > 0 ? (
        <p className="draft-warning" role="note">
          <strong>{t('templates.draft')}</strong> {missing.length > 0 ? t('templates.missingRequired', { count: missing.length }) : null}{' '}
          {unanswered.length > 0 && result.kind !== 'none' ? t('templates.unansweredScored', { count: unanswered.length }) : null}
        </p>
      ) : null}
      {result.kind !== 'none' ? (
        <section aria-labelledby="result-title" className="card">
          <h2 id="result-title">{t('templates.result')}</h2>
          <ScoreSummary result={result} language={language} contentLanguage={lang} full />
        </section>
      ) : null}
      {template.deadline ? (
        <section aria-labelledby="deadline-title" className="card">
          <h2 id="deadline-title">{t('templates.deadlineTitle')}</h2>
          <p>{deadline ? t('templates.deadline', { date: formatDay(deadline.due, language), count: deadline.days }) : t('templates.noDeadline')}</p>
        </section>
      ) : null}
      <div {...contentAttributes(lang)}>
        {template.sections.map((section) => (
          <section key={section.id} aria-labelledby={`rs-${section.id}`} className="report-section">
            <h2 id={`rs-${section.id}`}>{section.title}</h2>
            <dl className="answers">
              {section.fields.map((field) => (
                <div key={field.id}>
                  <dt>{field.label}</dt>
                  <dd className={field.type === 'longtext' ? 'longtext' : undefined}>{answerText(field, response.answers[field.id], template, tr, language)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <section aria-labelledby="about-title" className="report-about">
        <h2 id="about-title">{t('templates.aboutTemplate')}</h2>
        <div {...contentAttributes(lang)}>
          <Markdown text={template.intro} />
        </div>
      </section>
    </div>
  );
}
