import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { contentAttributes } from '../i18n/languages';
import { ItemCards } from '../components/ItemCards';
import { formatNumber } from '../i18n/format';

export function GuideList(): ReactNode {
  const { t } = useTranslation();
  const { language, pack } = useApp();
  return (
    <div className="screen">
      <p>
        <a href={href('modules')}>{t('guides.backToModules')}</a>
      </p>
      <h1 tabIndex={-1}>{t('guides.title')}</h1>
      <p className="lead">{t('guides.intro')}</p>
      {pack?.list('guide').length === 0 ? <p>{t('guides.none')}</p> : null}
      <ItemCards
        kind="guide"
        details={(g, lang) => (
          <>
            <p className="muted">{t('guides.minutes', { count: g.durationMinutes, n: formatNumber(g.durationMinutes, language) })}</p>
            <p {...contentAttributes(lang)}>{g.summary}</p>
          </>
        )}
      />
    </div>
  );
}
