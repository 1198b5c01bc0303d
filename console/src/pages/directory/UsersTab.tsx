import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useInstitutionNames } from '../../components/useNames';
import { useSession } from '../../session/session';
import { useCursorPages } from './cursor-pages';
import { useRegions } from './useRegions';

const PAGE_SIZE = 20;
type NewUser = components['schemas']['CreateUser'];
type Role = NewUser['role'];

export function UsersTab() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState<string>();
  const [deactivated, setDeactivated] = useState(false);
  const pages = useCursorPages();
  const query = {
    limit: PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(deactivated ? { includeDeactivated: 'true' as const } : {}),
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  };
  const list = useQuery({
    queryKey: ['users', 'directory', query],
    queryFn: () => unwrap(api.GET('/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(text.trim() || undefined);
    pages.reset();
  };
  return (
    <>
      <h2>{t('directory.users.title')}</h2>
      <form className="filters" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor="users-q">{t('directory.users.search')}</label>
          <input id="users-q" type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={deactivated}
              onChange={(e) => {
                setDeactivated(e.target.checked);
                pages.reset();
              }}
            />{' '}
            {t('directory.users.includeDeactivated')}
          </label>
        </div>
        <button type="submit">{t('common.search')}</button>
      </form>
      <ProblemAlert error={list.error} />
      {list.isPending && <Loading />}
      {list.data && (
        <>
          <div className="table-scroll">
            <table className="responsive-table">
              <caption>{t('directory.users.caption', { total: list.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('directory.name')}</th>
                  <th scope="col">{t('directory.users.email')}</th>
                  <th scope="col">{t('directory.users.role')}</th>
                  <th scope="col">{t('directory.users.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row" data-label={t('directory.name')}>
                      <Link to={`/directory/users/${u.id}`}>{u.name}</Link>
                    </th>
                    <td data-label={t('directory.users.email')} className="directory-secret">
                      {u.email}
                    </td>
                    <td data-label={t('directory.users.role')}>{t(`directory.roles.${u.role}`)}</td>
                    <td data-label={t('directory.users.status')}>
                      {u.deactivatedAt ? t('directory.users.deactivated') : t('directory.users.active')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.items.length === 0 && <p>{t('directory.none')}</p>}
          <Pagination
            page={pages.page}
            total={list.data.total}
            pageSize={PAGE_SIZE}
            onPage={(p) => pages.go(p, list.data.nextCursor)}
          />
        </>
      )}
      <InviteUserForm />
    </>
  );
}

/** Creating a user mails it an invitation; its API token is shown here once. */
export function InviteUserForm(props: { role?: Role; regionCode?: string }) {
  const { t } = useTranslation();
  const me = useSession().data?.user;
  const regions = useRegions();
  const { institutions } = useInstitutionNames();
  const organizations = useQuery({
    queryKey: ['evaluator-organizations'],
    queryFn: () => unwrap(api.GET('/evaluator-organizations')),
    enabled: !props.role,
  });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [locale, setLocale] = useState<'zh-CN' | 'en'>('zh-CN');
  const [role, setRole] = useState<Role>(props.role ?? 'liaison');
  const [institutionId, setInstitutionId] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const [created, setCreated] = useState<{ name: string; email: string; token: string }>();
  const roles: Role[] =
    me?.role === 'admin' ? ['liaison', 'party', 'evaluator', 'regulator'] : ['liaison', 'party', 'evaluator'];
  const institution = institutionId || institutions[0]?.id || '';
  const organization = organizationId || organizations.data?.items[0]?.id || '';
  const region = props.regionCode ?? (regionCode || regions[0]?.code || '');
  const invite = useCommand({
    scope: `user:new:${props.regionCode ?? ''}`,
    send: (body: NewUser) => unwrap(api.POST('/users', { body })),
    invalidates: [['users']],
    onSuccess: (result) => {
      setCreated({ name: result.user.name, email: result.user.email, token: result.token });
      setName('');
      setEmail('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    invite.mutate({
      name,
      email,
      locale,
      role,
      regionCodes: role === 'regulator' ? [region] : [],
      ...(role === 'liaison' || role === 'party' ? { institutionId: institution } : {}),
      ...(role === 'evaluator' ? { evaluatorOrganizationId: organization } : {}),
    });
  };
  return (
    <section aria-labelledby={`invite-heading-${props.regionCode ?? 'any'}`}>
      <h2 id={`invite-heading-${props.regionCode ?? 'any'}`}>
        {props.role === 'regulator' ? t('directory.users.inviteRegulator') : t('directory.users.invite')}
      </h2>
      <form onSubmit={submit} noValidate>
        <div className="directory-grid">
          <Field name="name" label={t('directory.name')} error={invite.error}>
            <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field name="email" label={t('directory.users.email')} error={invite.error}>
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field name="locale" label={t('directory.users.locale')} error={invite.error}>
            <select value={locale} onChange={(e) => setLocale(e.target.value as typeof locale)}>
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          </Field>
          {!props.role && (
            <Field name="role" label={t('directory.users.role')} error={invite.error}>
              <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`directory.roles.${r}`)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {(role === 'liaison' || role === 'party') && (
            <Field name="institutionId" label={t('directory.users.institution')} error={invite.error}>
              <select value={institution} onChange={(e) => setInstitutionId(e.target.value)}>
                {institutions.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {role === 'evaluator' && (
            <Field name="evaluatorOrganizationId" label={t('directory.users.organization')} error={invite.error}>
              <select value={organization} onChange={(e) => setOrganizationId(e.target.value)}>
                {(organizations.data?.items ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {role === 'regulator' && !props.regionCode && (
            <Field name="regionCodes" label={t('directory.region')} error={invite.error}>
              <select value={region} onChange={(e) => setRegionCode(e.target.value)}>
                {regions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </div>
        <ProblemAlert error={invite.error} />
        {created && (
          <div className="alert alert-success" role="status">
            <p>{t('directory.users.invited', { name: created.name, email: created.email })}</p>
            <p>{t('directory.users.tokenOnce')}</p>
            <p className="directory-secret">{created.token}</p>
          </div>
        )}
        <button type="submit" disabled={invite.isPending}>
          {t('directory.users.sendInvitation')}
        </button>
      </form>
    </section>
  );
}
