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
import { CaseList } from '../screens/CaseList';
import { CaseReader } from '../screens/CaseReader';
import { GuideList } from '../screens/GuideList';
import { GuideReader } from '../screens/GuideReader';
import { GlossaryScreen } from '../screens/GlossaryScreen';
import { TemplateHome } from '../screens/TemplateHome';
import { TemplateForm } from '../screens/TemplateForm';
import { TemplateReport } from '../screens/TemplateReport';
import { GlossaryProvider } from './glossary';

const NAV = [
  { route: '', key: 'nav.home' },
  { route: 'modules', key: 'nav.modules' },
  { route: 'guidelines', key: 'nav.guidelines' },
  { route: 'assessments', key: 'nav.assessments' },
  { route: 'progress', key: 'nav.progress' },
  { route: 'packs', key: 'nav.packs' },
  { route: 'settings', key: 'nav.settings' },
] as const;

/** Screens reached from a top-level one keep its tab marked in the top bar. */
const NAV_PARENT: Readonly<Record<string, string>> = { cases: 'guidelines', glossary: 'guidelines', templates: 'assessments', guides: 'modules' };

function Screen({ route }: { route: string[] }): ReactNode {
  const { pack, packError } = useApp();
  const [section, id, sub, view] = route;
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
    case 'cases':
      return id ? <CaseReader caseId={id} sectionId={sub} /> : <CaseList />;
    case 'guides':
      return id ? <GuideReader guideId={id} /> : <GuideList />;
    case 'glossary':
      return <GlossaryScreen termId={id} />;
    case 'templates':
      if (!id) return <AssessmentList />;
      if (!sub) return <TemplateHome templateId={id} />;
      return view === 'report' ? <TemplateReport templateId={id} responseId={sub} /> : <TemplateForm templateId={id} responseId={sub} />;
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
  const navTop = NAV_PARENT[top] ?? top;
  // On the search screen the route follows the query as it is typed; focus must stay in the field.
  const key = top === 'search' ? top : top === 'templates' ? route.join('/') : route.slice(0, 2).join('/');

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
                <a href={href(...(item.route ? [item.route] : []))} aria-current={navTop === item.route ? 'page' : undefined}>
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
        <GlossaryProvider>
          <Screen route={route} />
        </GlossaryProvider>
      </main>
    </div>
  );
}
