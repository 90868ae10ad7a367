import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch } from 'wouter';
import { parseWorkspaceId } from '../../shared/rooms.ts';
import { currentLanguage, setLanguage, type Language } from '../i18n/i18n.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { Loading } from '../ui/Loading.tsx';
import { MessagePage } from '../ui/MessagePage.tsx';
import { JoinPage } from './JoinPage.tsx';
import { StartPage } from './StartPage.tsx';
import { usePageTitle } from './usePageTitle.ts';

// The first screens (start, join) must not download Yjs or TipTap.
const WorkspaceApp = lazy(() => import('./workspace/WorkspaceApp.tsx'));

const LANGUAGE_OPTIONS = [
  { value: 'nl', label: 'Nederlands', lang: 'nl' },
  { value: 'en', label: 'English', lang: 'en' },
] as const satisfies readonly { value: Language; label: string; lang: string }[];

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            {t('app.name')}
          </Link>
          <LanguageSwitch
            current={currentLanguage()}
            options={LANGUAGE_OPTIONS}
            onChange={(language) => void setLanguage(language)}
          />
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<Loading text={t('app.loading')} />}>
          <Routes />
        </Suspense>
      </main>
    </>
  );
}

function Routes() {
  return (
    <Switch>
      <Route path="/">
        <StartPage />
      </Route>
      <Route path="/join/:code">{({ code }) => <JoinPage code={code} />}</Route>
      <Route path="/w/:workspaceId/*?">
        {({ workspaceId }) => {
          const id = parseWorkspaceId(workspaceId);
          return id ? <WorkspaceApp key={id} workspaceId={id} /> : <NotFound />;
        }}
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}

function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return <MessagePage title={t('notFound.title')} body={t('notFound.body')} linkLabel={t('app.home')} />;
}
