import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { useItem } from '../app/useItem';
import { ContentUnavailable, FallbackNote, Loading } from '../components/ContentNotice';
import { ItemLinks } from '../components/ItemLinks';
import { SectionedDocument } from '../components/SectionedDocument';
import { formatDay } from '../i18n/format';
import { contentAttributes } from '../i18n/languages';

export function CaseReader({ caseId, sectionId }: { caseId: string; sectionId?: string | undefined }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const state = useItem('case', caseId);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ContentUnavailable detail={state.message} />;
  const c = state.item.value;
  const lang = state.item.language;
  return (
    <SectionedDocument
      title={c.title}
      language={lang}
      sections={c.sections}
      openAt={sectionId}
      notice={state.item.isFallback ? <FallbackNote shownIn={lang} wanted={language} /> : null}
      header={
        <dl className="facts">
          <dt>{t('cases.place')}</dt>
          <dd {...contentAttributes(lang)}>{c.place}</dd>
          <dt>{t('cases.period')}</dt>
          <dd {...contentAttributes(lang)}>{c.period}</dd>
          <dt>{t('cases.sector')}</dt>
          <dd {...contentAttributes(lang)}>{c.sector}</dd>
          <dt>{t('guidelines.factsAsOf')}</dt>
          <dd>{formatDay(c.factsAsOf, language)}</dd>
        </dl>
      }
      footer={
        <>
          {c.sources.length > 0 ? (
            <section aria-labelledby="case-sources" className="sources">
              <h2 id="case-sources">{t('cases.sources')}</h2>
              <ul {...contentAttributes(lang)}>
                {c.sources.map((s) => (
                  <li key={s.title}>
                    {s.title}
                    {s.url ? (
                      <>
                        {' '}
                        <span dir="ltr" className="url">
                          {s.url}
                        </span>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <ItemLinks heading={t('cases.instruments')} kind="guideline" ids={c.guidelineIds} />
        </>
      }
    />
  );
}
