import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../i18n/format';
import { forgetSession } from '../session/session';

export function SessionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('sessions.title'));
  const client = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery({ queryKey: ['me', 'sessions'], queryFn: () => unwrap(api.GET('/me/sessions')) });
  const endOne = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/me/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me', 'sessions'] }),
  });
  const endAll = useMutation({
    mutationFn: () => unwrap(api.DELETE('/me/sessions')),
    onSuccess: async () => {
      forgetSession(client);
      await navigate('/sign-in');
    },
  });
  return (
    <section aria-labelledby="sessions-heading">
      <h1 id="sessions-heading">{t('sessions.title')}</h1>
      <p>{t('sessions.intro')}</p>
      <ProblemAlert error={sessions.error ?? endOne.error ?? endAll.error} />
      {sessions.isPending && <Loading />}
      {sessions.data && (
        <ul className="card-list">
          {sessions.data.items.map((s) => (
            <li key={s.id} className="card">
              <h2 className="card-title">
                {s.userAgent ?? t('sessions.unknownDevice')}
                {s.current && <span className="badge badge-current"> {t('sessions.current')}</span>}
              </h2>
              <dl className="facts">
                <dt>{t('sessions.createdAt')}</dt>
                <dd>{formatDateTime(s.createdAt)}</dd>
                <dt>{t('sessions.lastSeenAt')}</dt>
                <dd>{formatDateTime(s.lastSeenAt)}</dd>
                <dt>{t('sessions.idleExpiresAt')}</dt>
                <dd>{formatDateTime(s.idleExpiresAt)}</dd>
                <dt>{t('sessions.absoluteExpiresAt')}</dt>
                <dd>{formatDateTime(s.absoluteExpiresAt)}</dd>
              </dl>
              {!s.current && (
                <button type="button" disabled={endOne.isPending} onClick={() => endOne.mutate(s.id)}>
                  {t('sessions.signOutOne')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="danger" disabled={endAll.isPending} onClick={() => endAll.mutate()}>
        {t('sessions.signOutEverywhere')}
      </button>
    </section>
  );
}
