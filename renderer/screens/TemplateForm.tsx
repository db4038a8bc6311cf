import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { missingRequired, scoreTemplate } from '../../core/assessment/score';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItem } from '../app/useItem';
import { useResponse, type SaveState } from '../app/useResponse';
import { ContentUnavailable, FallbackNote, Loading } from '../components/ContentNotice';
import { Markdown } from '../components/Markdown';
import { ScoreSummary } from '../components/ScoreSummary';
import { TemplateFieldInput } from '../components/TemplateFieldInput';
import { formatDate } from '../i18n/format';
import { contentAttributes } from '../i18n/languages';

function SaveStatus({ save }: { save: SaveState }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const text =
    save.status === 'saving' ? t('templates.saving') : save.status === 'failed' ? t('templates.saveFailed', { detail: save.message }) : save.at ? t('templates.savedAt', { date: formatDate(save.at, language) }) : '';
  return (
    <p className={save.status === 'failed' ? 'save-status error' : 'save-status muted'} role="status">
      {text}
    </p>
  );
}

/** Filling in a template: every change is saved, and the score so far is shown at the end. */
export function TemplateForm({ templateId, responseId }: { templateId: string; responseId: string }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const state = useItem('template', templateId);
  const { response, setAnswer, rename, save } = useResponse(responseId);
  const template = state.status === 'ready' ? state.item.value : null;
  const result = useMemo(() => (template && response ? scoreTemplate(template, response.answers) : null), [template, response]);

  if (state.status === 'loading' || response === undefined) return <Loading />;
  if (state.status === 'error') return <ContentUnavailable detail={state.message} />;
  if (response === null || !template) return <ContentUnavailable detail={t('templates.notFound')} />;
  const lang = state.item.language;
  const missing = missingRequired(template, response.answers);

  return (
    <div className="screen template-form">
      <p>
        <a href={href('templates', templateId)}>{t('templates.backToTemplate')}</a>
      </p>
      {state.item.isFallback ? <FallbackNote shownIn={lang} wanted={language} /> : null}
      <h1 tabIndex={-1} {...contentAttributes(lang)}>
        {template.title}
      </h1>
      <label className="field">
        <span>{t('templates.nameLabel')}</span>
        <input value={response.name} maxLength={200} onChange={(e) => rename(e.target.value)} />
      </label>
      <SaveStatus save={save} />
      <details className="template-intro" {...contentAttributes(lang)}>
        <summary lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'}>
          {t('templates.aboutTemplate')}
        </summary>
        <Markdown text={template.intro} />
      </details>
      <div {...contentAttributes(lang)}>
        {template.sections.map((section) => (
          <section key={section.id} className="card template-section" aria-labelledby={`ts-${section.id}`}>
            <h2 id={`ts-${section.id}`}>{section.title}</h2>
            {section.intro ? <Markdown text={section.intro} /> : null}
            {section.fields.map((field) => (
              <TemplateFieldInput key={field.id} field={field} answer={response.answers[field.id]} scale={template.scale} onChange={(a) => setAnswer(field.id, a)} />
            ))}
          </section>
        ))}
      </div>
      {result && result.kind !== 'none' ? (
        <section className="card" aria-labelledby="score-so-far">
          <h2 id="score-so-far">{t('templates.scoreSoFar')}</h2>
          <ScoreSummary result={result} language={language} contentLanguage={lang} full={false} />
        </section>
      ) : null}
      {missing.length > 0 ? <p className="muted">{t('templates.missingRequired', { count: missing.length })}</p> : null}
      <p className="reader-actions">
        <a className="button primary" href={href('templates', templateId, responseId, 'report')}>
          {t('templates.seeReport')}
        </a>
      </p>
    </div>
  );
}
