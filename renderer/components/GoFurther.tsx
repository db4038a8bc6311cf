import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Module } from '../../core/content/model';
import { useItems } from '../app/useItem';
import { ItemLinks } from './ItemLinks';

/** From a module to the texts it cites, its quiz, the templates to practise with, its cases and the trainer's guide. */
export function GoFurther({ module }: { module: Module }): ReactNode {
  const { t } = useTranslation();
  const guides = useItems('guide').filter(({ state }) => state.status === 'ready' && state.item.value.moduleId === module.id);
  const empty = !module.quizId && module.guidelineIds.length + module.templateIds.length + module.caseIds.length + guides.length === 0;
  if (empty) return null;
  return (
    <div className="go-further">
      <h2 className="toc-heading">{t('related.title')}</h2>
      <ItemLinks heading={t('related.guidelines')} kind="guideline" ids={module.guidelineIds} />
      {module.quizId ? <ItemLinks heading={t('related.quiz')} kind="quiz" ids={[module.quizId]} /> : null}
      <ItemLinks heading={t('related.templates')} kind="template" ids={module.templateIds} />
      <ItemLinks heading={t('related.cases')} kind="case" ids={module.caseIds} />
      <ItemLinks heading={t('related.guide')} kind="guide" ids={guides.map((g) => g.id)} />
    </div>
  );
}
