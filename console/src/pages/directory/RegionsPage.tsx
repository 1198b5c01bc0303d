import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { InviteUserForm } from './UsersTab';
import './directory.css';

/** The admin's regions and the regulators who supervise each. */
export function RegionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('directory.regions.title'));
  const regions = useQuery({ queryKey: ['regions'], queryFn: () => unwrap(api.GET('/regions')) });
  const regulators = useQuery({
    queryKey: ['users', 'regulators'],
    queryFn: () => unwrap(api.GET('/users', { params: { query: { role: 'regulator', limit: 200 } } })),
  });
  const regulatorsOf = (code: string) =>
    (regulators.data?.items ?? []).filter((u) => u.regionCodes.includes(code)).map((u) => u.name);
  return (
    <section aria-labelledby="regions-heading">
      <h1 id="regions-heading">{t('directory.regions.title')}</h1>
      <ProblemAlert error={regions.error ?? regulators.error} />
      {regions.isPending && <Loading />}
      {regions.data && (
        <div className="table-scroll">
          <table className="responsive-table">
            <caption>{t('directory.regions.caption', { total: regions.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('directory.name')}</th>
                <th scope="col">{t('directory.regions.code')}</th>
                <th scope="col">{t('directory.regions.policyVersion')}</th>
                <th scope="col">{t('directory.regions.regulators')}</th>
              </tr>
            </thead>
            <tbody>
              {regions.data.items.map((r) => (
                <tr key={r.code}>
                  <th scope="row" data-label={t('directory.name')}>
                    <Link to={`/regions/${encodeURIComponent(r.code)}/settings`}>{r.name}</Link>
                    {r.remote && ` (${t('directory.regions.remote')})`}
                  </th>
                  <td data-label={t('directory.regions.code')}>{r.code}</td>
                  <td data-label={t('directory.regions.policyVersion')}>{r.policyVersion}</td>
                  <td data-label={t('directory.regions.regulators')}>{regulatorsOf(r.code).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewRegionForm />
      <InviteUserForm role="regulator" />
    </section>
  );
}

function NewRegionForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [remote, setRemote] = useState(false);
  const create = useCommand({
    scope: 'region:new',
    send: (body: { code: string; name: string; remote: boolean }) => unwrap(api.POST('/regions', { body })),
    invalidates: [['regions']],
    onSuccess: () => {
      setCode('');
      setName('');
      setRemote(false);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ code: code.trim(), name: name.trim(), remote });
  };
  return (
    <section aria-labelledby="new-region-heading">
      <h2 id="new-region-heading">{t('directory.regions.new')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="directory-grid">
          <Field
            name="code"
            label={t('directory.regions.code')}
            hint={t('directory.regions.codeHint')}
            error={create.error}
          >
            <input value={code} maxLength={32} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <Field name="name" label={t('directory.name')} error={create.error}>
            <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field name="remote" label={t('directory.regions.remoteLabel')} error={create.error}>
            <input type="checkbox" checked={remote} onChange={(e) => setRemote(e.target.checked)} />
          </Field>
        </div>
        <ProblemAlert error={create.error} />
        {create.data && (
          <p className="alert alert-success" role="status">
            {t('directory.regions.created', { name: create.data.name })}
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          {t('directory.regions.create')}
        </button>
      </form>
    </section>
  );
}
