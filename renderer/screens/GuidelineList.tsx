import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { contentAttributes } from '../i18n/languages';
import { ItemCards } from '../components/ItemCards';
import { LibraryTabs } from '../components/LibraryTabs';

export function GuidelineList(): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <LibraryTabs current="guidelines" />
      <h1 tabIndex={-1}>{t('guidelines.title')}</h1>
      <p className="lead">{t('guidelines.intro')}</p>
      <ItemCards
        kind="guideline"
        details={(g, lang) => (
          <>
            <p className="muted">
              {g.issuer} · {g.adopted}
            </p>
            <p {...contentAttributes(lang)}>{g.summary}</p>
          </>
        )}
      />
    </div>
  );
}
