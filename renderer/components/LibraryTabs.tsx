import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { href } from '../app/router';

const TABS = [
  { route: 'guidelines', key: 'library.guidelines' },
  { route: 'cases', key: 'library.cases' },
  { route: 'glossary', key: 'library.glossary' },
] as const;

/** The library's three shelves: instruments, case studies and the glossary. */
export function LibraryTabs({ current }: { current: (typeof TABS)[number]['route'] }): ReactNode {
  const { t } = useTranslation();
  return (
    <nav className="subnav" aria-label={t('library.label')}>
      {TABS.map((tab) => (
        <a key={tab.route} href={href(tab.route)} aria-current={tab.route === current ? 'page' : undefined}>
          {t(tab.key)}
        </a>
      ))}
    </nav>
  );
}
