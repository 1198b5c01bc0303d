import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { api, unwrap } from '../api/client';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { type Me, useSession } from '../session/session';
import { LanguageSwitcher } from './LanguageSwitcher';
import { navigationFor } from './navigation';
import { UserMenu } from './UserMenu';

/** Regions whose dashboards the user may read: a regulator's own, every region for an admin. */
function useDashboardRegions(me: Me): string[] {
  const regions = useQuery({
    queryKey: ['regions'],
    queryFn: () => unwrap(api.GET('/regions')),
    enabled: me.role === 'admin',
  });
  if (me.role === 'admin') return (regions.data?.items ?? []).map((r) => r.code);
  return me.role === 'regulator' ? me.regionCodes : [];
}

function SignedInShell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const items = navigationFor(me.role, useDashboardRegions(me));
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstPage = useRef(true);
  // After a navigation, focus moves to the new page's content, so a screen reader starts reading there.
  useEffect(() => {
    if (firstPage.current) firstPage.current = false;
    else main.current?.focus();
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="app-header">
        <p className="brand">{t('app.name')}</p>
        <nav aria-label={t('nav.label')} className="main-nav">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>
                  {t(item.label)}
                  {item.regionCode && ` · ${item.regionCode}`}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <LanguageSwitcher />
          <UserMenu me={me} />
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
    </>
  );
}

/** Pages behind sign-in: without a session, the sign-in page, which brings the reader back here. */
export function Shell() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.error)
    return (
      <main id="main">
        <ProblemAlert error={session.error} />
      </main>
    );
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <SignedInShell me={session.data.user} />;
}

/** Sign-in, password and forgotten-password pages: the brand and the language switcher only. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <>
      <header className="app-header">
        <p className="brand">{t('app.name')}</p>
        <div className="header-tools">
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="narrow">
        <Outlet />
      </main>
    </>
  );
}
