import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleSection } from '../../core/content/model';
import { contentAttributes } from '../i18n/languages';
import { Markdown } from './Markdown';

/** Scrolls to an element of the page by id and puts keyboard focus on it. */
export function jump(id: string): void {
  const target = document.getElementById(id);
  target?.scrollIntoView({ block: 'start' });
  target?.focus({ preventScroll: true });
}

/**
 * A text in `{#id}` sections shown on one page with its contents beside it: case
 * studies and facilitator guides. `header` goes above the sections, under the title.
 */
export function SectionedDocument(props: {
  readonly title: string;
  readonly language: string;
  readonly sections: readonly ModuleSection[];
  readonly openAt?: string | undefined;
  readonly notice?: ReactNode;
  readonly header?: ReactNode;
  readonly footer?: ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const { openAt } = props;
  useEffect(() => {
    if (openAt) jump(`part-${openAt}`);
  }, [openAt]);
  return (
    <div className="screen reader">
      <nav className="reader-toc no-print" aria-labelledby="toc-title">
        <h2 id="toc-title" className="toc-heading">
          {t('guidelines.contents')}
        </h2>
        <ol className="toc" {...contentAttributes(props.language)}>
          {props.sections.map((s) => (
            <li key={s.id} className="toc-level-2">
              <a href={`#part-${s.id}`} onClick={(e) => (e.preventDefault(), jump(`part-${s.id}`))}>
                {s.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <article className="reader-body">
        {props.notice}
        <h1 tabIndex={-1} {...contentAttributes(props.language)}>
          {props.title}
        </h1>
        {props.header}
        <div {...contentAttributes(props.language)}>
          {props.sections.map((s) => (
            <section key={s.id} aria-labelledby={`part-${s.id}`}>
              <h2 id={`part-${s.id}`} tabIndex={-1}>
                {s.title}
              </h2>
              <Markdown text={s.body} />
            </section>
          ))}
        </div>
        {props.footer}
      </article>
    </div>
  );
}
