import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { useItem } from '../app/useItem';
import { ContentUnavailable, FallbackNote, Loading } from '../components/ContentNotice';
import { ItemLinks } from '../components/ItemLinks';
import { SectionedDocument } from '../components/SectionedDocument';
import { formatNumber } from '../i18n/format';
import { contentAttributes } from '../i18n/languages';

export function GuideReader({ guideId }: { guideId: string }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const state = useItem('guide', guideId);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ContentUnavailable detail={state.message} />;
  const g = state.item.value;
  const lang = state.item.language;
  return (
    <SectionedDocument
      title={g.title}
      language={lang}
      sections={g.sections}
      notice={state.item.isFallback ? <FallbackNote shownIn={lang} wanted={language} /> : null}
      header={
        <>
          <p className="muted">{t('guides.minutes', { count: g.durationMinutes, n: formatNumber(g.durationMinutes, language) })}</p>
          <p className="no-print">
            <button type="button" onClick={() => window.print()}>
              {t('common.print')}
            </button>
          </p>
          {g.materials.length > 0 ? (
            <section aria-labelledby="guide-materials">
              <h2 id="guide-materials">{t('guides.materials')}</h2>
              <ul {...contentAttributes(lang)}>
                {g.materials.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <div className="related-row no-print">
            <ItemLinks heading={t('guides.module')} kind="module" ids={[g.moduleId]} />
            {g.caseId ? <ItemLinks heading={t('guides.case')} kind="case" ids={[g.caseId]} /> : null}
          </div>
        </>
      }
    />
  );
}
