import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languageInfo } from '../i18n/languages';

/** Stands where a text could not be loaded; the rest of the screen keeps working. */
export function ContentUnavailable({ detail }: { detail: string }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="content-error" role="alert">
      <p>
        <strong>{t('content.unavailableTitle')}</strong>
      </p>
      <p>{t('content.unavailableBody')}</p>
      <details>
        <summary>{t('content.technicalDetail')}</summary>
        <code dir="ltr">{detail}</code>
      </details>
    </div>
  );
}

export function Loading(): ReactNode {
  const { t } = useTranslation();
  return (
    <p className="loading" aria-busy="true">
      {t('common.loading')}
    </p>
  );
}

/** Says plainly that a text is shown in another language than the learner's. */
export function FallbackNote({ shownIn, wanted }: { shownIn: string; wanted: string }): ReactNode {
  const { t } = useTranslation();
  return (
    <p className="fallback-note" lang={wanted}>
      {t('content.fallback', { shown: languageInfo(shownIn).nativeName, wanted: languageInfo(wanted).nativeName })}
    </p>
  );
}
