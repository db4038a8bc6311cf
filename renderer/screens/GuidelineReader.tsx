import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { extractHeadings } from '../../core/content/markdown';
import { useApp } from '../app/AppContext';
import { useItem } from '../app/useItem';
import { ContentUnavailable, FallbackNote, Loading } from '../components/ContentNotice';
import { FindBar } from '../components/FindBar';
import { Markdown } from '../components/Markdown';
import { jump } from '../components/SectionedDocument';
import { formatDay } from '../i18n/format';
import { contentAttributes } from '../i18n/languages';

export function GuidelineReader({ guidelineId, headingSlug }: { guidelineId: string; headingSlug?: string | undefined }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const state = useItem('guideline', guidelineId);
  const article = useRef<HTMLElement>(null);
  const headings = useMemo(() => (state.status === 'ready' ? extractHeadings(state.item.value.body) : []), [state]);
  // A search result opens the text at its heading.
  useEffect(() => {
    if (state.status === 'ready' && headingSlug) jump(headingSlug);
  }, [state.status, headingSlug]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ContentUnavailable detail={state.message} />;
  const g = state.item.value;
  return (
    <div className="screen reader">
      <nav className="reader-toc" aria-labelledby="toc-title">
        <h2 id="toc-title" className="toc-heading">
          {t('guidelines.contents')}
        </h2>
        <ol className="toc" {...contentAttributes(state.item.language)}>
          {headings.map((h) => (
            <li key={h.slug} className={`toc-level-${h.level}`}>
              <a href={`#/guidelines/${encodeURIComponent(guidelineId)}`} onClick={(e) => (e.preventDefault(), jump(h.slug))}>
                {h.text}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <article className="reader-body" ref={article}>
        <FindBar container={article} textKey={`${guidelineId}/${state.item.language}`} />
        {state.item.isFallback ? <FallbackNote shownIn={state.item.language} wanted={language} /> : null}
        <h1 tabIndex={-1} {...contentAttributes(state.item.language)}>
          {g.title}
        </h1>
        <dl className="facts">
          <dt>{t('guidelines.issuer')}</dt>
          <dd {...contentAttributes(state.item.language)}>{g.issuer}</dd>
          <dt>{t('guidelines.adopted')}</dt>
          <dd {...contentAttributes(state.item.language)}>{g.adopted}</dd>
          <dt>{t('guidelines.legalNature')}</dt>
          <dd {...contentAttributes(state.item.language)}>{g.legalNature}</dd>
          <dt>{t('guidelines.factsAsOf')}</dt>
          <dd>{formatDay(g.factsAsOf, language)}</dd>
          <dt>{t('guidelines.source')}</dt>
          <dd dir="ltr" className="url">
            {g.url}
          </dd>
        </dl>
        <div {...contentAttributes(state.item.language)}>
          <Markdown text={g.body} />
        </div>
      </article>
    </div>
  );
}
