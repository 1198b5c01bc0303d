import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useInstitutionNames } from '../../components/useNames';
import { usePageTitle } from '../../components/usePageTitle';
import './directory.css';

/** One user: who and where, a new invitation, and deactivation once they have left. */
export function UserPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { nameOf } = useInstitutionNames();
  const user = useQuery({
    queryKey: ['users', id],
    queryFn: () => unwrap(api.GET('/users/{id}', { params: { path: { id } } })),
  });
  usePageTitle(user.data?.name ?? t('directory.users.title'));
  const [reinvited, setReinvited] = useState<string>();
  const invitation = useCommand({
    scope: `invitation:${id}`,
    send: () => unwrap(api.POST('/users/{id}/invitation', { params: { path: { id } } })),
    onSuccess: () => setReinvited(user.data?.email),
  });
  if (user.isPending) return <Loading />;
  if (!user.data) return <ProblemAlert error={user.error} />;
  const u = user.data;
  return (
    <section aria-labelledby="user-heading">
      <p>
        <Link to="/directory?tab=users">{t('directory.users.back')}</Link>
      </p>
      <h1 id="user-heading">{u.name}</h1>
      <dl className="facts">
        <dt>{t('directory.users.email')}</dt>
        <dd className="directory-secret">{u.email}</dd>
        <dt>{t('directory.users.role')}</dt>
        <dd>{t(`directory.roles.${u.role}`)}</dd>
        {u.institutionId && (
          <>
            <dt>{t('directory.users.institution')}</dt>
            <dd>{nameOf(u.institutionId)}</dd>
          </>
        )}
        {u.regionCodes.length > 0 && (
          <>
            <dt>{t('directory.region')}</dt>
            <dd>{u.regionCodes.join(', ')}</dd>
          </>
        )}
        <dt>{t('directory.users.status')}</dt>
        <dd>
          {u.deactivatedAt
            ? t('directory.users.deactivatedOn', { date: u.deactivatedAt.slice(0, 10), reason: u.deactivationReason })
            : t('directory.users.active')}
        </dd>
      </dl>
      {!u.deactivatedAt && (
        <>
          <section aria-labelledby="reinvite-heading">
            <h2 id="reinvite-heading">{t('directory.users.reinviteTitle')}</h2>
            <p>{t('directory.users.reinviteHint')}</p>
            <ProblemAlert error={invitation.error} />
            {reinvited && (
              <p className="alert alert-success" role="status">
                {t('directory.users.reinvited', { email: reinvited })}
              </p>
            )}
            <button type="button" disabled={invitation.isPending} onClick={() => invitation.mutate(undefined)}>
              {t('directory.users.reinvite')}
            </button>
          </section>
          <DeactivationForm id={u.id} name={u.name} />
        </>
      )}
    </section>
  );
}

function DeactivationForm({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const deactivate = useCommand({
    scope: `deactivation:${id}`,
    send: (body: { reason: string }) =>
      unwrap(api.POST('/users/{id}/deactivation', { params: { path: { id } }, body })),
    invalidates: [['users']],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirming) return setConfirming(true);
    deactivate.mutate({ reason });
  };
  return (
    <section aria-labelledby="deactivation-heading">
      <h2 id="deactivation-heading">{t('directory.users.deactivateTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <Field name="reason" label={t('directory.users.reason')} error={deactivate.error}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        {confirming && (
          <p className="alert alert-error" role="alert">
            {t('directory.users.deactivateConfirm', { name })}
          </p>
        )}
        <ProblemAlert error={deactivate.error} />
        <button type="submit" className="danger" disabled={deactivate.isPending}>
          {confirming ? t('directory.users.deactivateConfirmSubmit') : t('directory.users.deactivate')}
        </button>
      </form>
    </section>
  );
}
