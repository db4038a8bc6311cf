import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './AppContext';
import { href, useRoute } from './router';
import { ProfileSwitcher } from '../components/ProfileSwitcher';
import { ContentUnavailable } from '../components/ContentNotice';
import { Home } from '../screens/Home';
import { ModuleList } from '../screens/ModuleList';
import { ModuleReader } from '../screens/ModuleReader';
import { GuidelineList } from '../screens/GuidelineList';
import { GuidelineReader } from '../screens/GuidelineReader';
import { AssessmentList } from '../screens/AssessmentList';
import { QuizTake } from '../screens/QuizTake';
import { ProgressScreen } from '../screens/ProgressScreen';
import { Settings } from '../screens/Settings';
import { Packs } from '../screens/Packs';
import { SearchBox } from '../components/SearchBox';
import { Search } from '../screens/Search';

const NAV = [
  { route: '', key: 'nav.home' },
  { route: 'modules', key: 'nav.modules' },
  { route: 'guidelines', key: 'nav.guidelines' },
  { route: 'assessments', key: 'nav.assessments' },
  { route: 'progress', key: 'nav.progress' },
  { route: 'packs', key: 'nav.packs' },
  { route: 'settings', key: 'nav.settings' },
] as const;

function Screen({ route }: { route: string[] }): ReactNode {
  const { pack, packError } = useApp();
  const [section, id, sub] = route;
  if (section === 'settings') return <Settings />;
  if (section === 'packs') return <Packs />;
  if (!pack) return <ContentUnavailable detail={packError ?? 'no pack'} />;
  switch (section) {
    case 'modules':
      return id ? <ModuleReader moduleId={id} sectionId={sub} /> : <ModuleList />;
    case 'guidelines':
      return id ? <GuidelineReader guidelineId={id} headingSlug={sub} /> : <GuidelineList />;
    case 'assessments':
      return id ? <QuizTake quizId={id} /> : <AssessmentList />;
    case 'progress':
      return <ProgressScreen />;
    case 'search':
      return <Search query={id ?? ''} />;
    default:
      return <Home />;
  }
}

export function Shell(): ReactNode {
  const { t } = useTranslation();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const top = route[0] ?? '';
  // On the search screen the route follows the query as it is typed; focus must stay in the field.
  const key = top === 'search' ? top : route.slice(0, 2).join('/');

  // Moving between screens puts keyboard focus at the start of the new content.
  useEffect(() => {
    const heading = main.current?.querySelector<HTMLElement>('h1');
    heading?.focus({ preventScroll: true });
  }, [key]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {t('nav.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          Baraza
        </span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.map((item) => (
              <li key={item.route}>
                <a href={href(...(item.route ? [item.route] : []))} aria-current={top === item.route ? 'page' : undefined}>
                  {t(item.key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox />
        <ProfileSwitcher />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Screen route={route} />
      </main>
    </div>
  );
}
