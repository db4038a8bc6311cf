import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { contentAttributes } from '../i18n/languages';
import { ItemCards } from '../components/ItemCards';
import { LibraryTabs } from '../components/LibraryTabs';

export function CaseList(): ReactNode {
  const { t } = useTranslation();
  const { pack } = useApp();
  return (
    <div className="screen">
      <LibraryTabs current="cases" />
      <h1 tabIndex={-1}>{t('cases.title')}</h1>
      <p className="lead">{t('cases.intro')}</p>
      {pack?.list('case').length === 0 ? <p>{t('cases.none')}</p> : null}
      <ItemCards
        kind="case"
        details={(c, lang) => (
          <>
            <p className="muted" {...contentAttributes(lang)}>
              {[c.place, c.period, c.sector].filter(Boolean).join(' · ')}
            </p>
            <p {...contentAttributes(lang)}>{c.summary}</p>
          </>
        )}
      />
    </div>
  );
}
