import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';
import { InstitutionsTab } from './InstitutionsTab';
import { OrganizationsTab } from './OrganizationsTab';
import { UsersTab } from './UsersTab';
import './directory.css';

const tabs = ['institutions', 'users', 'organizations'] as const;
type Tab = (typeof tabs)[number];

/** The regulator's directory: its regions' institutions, users and evaluator organizations. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const tab: Tab = tabs.find((x) => x === params.get('tab')) ?? 'institutions';
  usePageTitle(`${t(`directory.tabs.${tab}`)} · ${t('directory.title')}`);
  return (
    <section aria-labelledby="directory-heading">
      <h1 id="directory-heading">{t('directory.title')}</h1>
      <nav aria-label={t('directory.title')}>
        <ul className="directory-tabs">
          {tabs.map((x) => (
            <li key={x}>
              <Link to={`/directory?tab=${x}`} aria-current={x === tab ? 'page' : undefined}>
                {t(`directory.tabs.${x}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'institutions' && <InstitutionsTab />}
      {tab === 'users' && <UsersTab />}
      {tab === 'organizations' && <OrganizationsTab />}
    </section>
  );
}
