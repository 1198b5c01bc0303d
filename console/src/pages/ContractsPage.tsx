import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/openapi';
import { Loading } from '../components/Loading';
import { Pagination } from '../components/Pagination';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSession } from '../session/session';
import { usePageTitle } from '../components/usePageTitle';
import { useInstitutionNames } from '../components/useNames';
import { formatDate } from '../i18n/format';

type Status = components['schemas']['Contract']['status'];
/*
 * Every status the API names, in the order the filter offers them: `satisfies Record<…>` fails the
 * typecheck when the API adds one (domain/contract.ts), so the filter and its labels cannot drift.
 */
const statusesOffered = {
  draft: true,
  'pending-approval': true,
  active: true,
  rectifying: true,
  lapsed: true,
  expired: true,
  terminated: true,
  revoked: true,
} satisfies Record<Status, true>;
export const contractStatuses = Object.keys(statusesOffered) as Status[];
const lights = ['red', 'yellow', 'green'] as const;
const PAGE_SIZE = 20;

export function ContractsPage() {
  const { t } = useTranslation();
  usePageTitle(t('contracts.title'));
  const role = useSession().data?.user.role;
  const [search, setSearch] = useSearchParams();
  const { institutions, nameOf } = useInstitutionNames();
  const status = contractStatuses.find((s) => s === search.get('status'));
  const light = lights.find((l) => l === search.get('light'));
  const institutionId = search.get('institutionId') ?? undefined;
  const q = search.get('q') ?? '';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const [text, setText] = useState(q);
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setSearch(next);
  };
  const query = {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    ...(status ? { status } : {}),
    ...(light ? { light } : {}),
    ...(institutionId ? { institutionId } : {}),
    ...(q ? { q } : {}),
  };
  const contracts = useQuery({
    queryKey: ['contracts', query],
    queryFn: () => unwrap(api.GET('/contracts', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() || undefined });
  };

  return (
    <section aria-labelledby="contracts-heading">
      <h1 id="contracts-heading">{t('contracts.title')}</h1>
      {(role === 'regulator' || role === 'admin') && (
        <p>
          <Link to="/contracts/new">{t('contract.new.title')}</Link>
        </p>
      )}
      <form className="filters" aria-label={t('contracts.filters')} onSubmit={submit}>
        <div className="field">
          <label htmlFor="contracts-status">{t('contracts.status')}</label>
          <select id="contracts-status" value={status ?? ''} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {contractStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`contractStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contracts-light">{t('dashboard.light')}</label>
          <select id="contracts-light" value={light ?? ''} onChange={(e) => update({ light: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {lights.map((l) => (
              <option key={l} value={l}>
                {t(`lights.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contracts-institution">{t('contracts.institution')}</label>
          <select
            id="contracts-institution"
            value={institutionId ?? ''}
            onChange={(e) => update({ institutionId: e.target.value })}
          >
            <option value="">{t('common.all')}</option>
            {institutions.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contracts-q">{t('contracts.search')}</label>
          <input
            id="contracts-q"
            type="search"
            value={text}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit">{t('common.search')}</button>
      </form>
      <ProblemAlert error={contracts.error} />
      {contracts.isPending && <Loading />}
      {contracts.data && (
        <>
          <div className="table-scroll">
            <table className="responsive-table">
              <caption>{t('contracts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('contracts.parties')}</th>
                  <th scope="col">{t('contracts.status')}</th>
                  <th scope="col">{t('contracts.term')}</th>
                  <th scope="col">{t('contracts.grade')}</th>
                  <th scope="col">{t('contracts.region')}</th>
                </tr>
              </thead>
              <tbody>
                {contracts.data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" data-label={t('contracts.parties')}>
                      <Link to={`/contracts/${c.id}`}>
                        {nameOf(c.careInstitutionId)} – {nameOf(c.medicalInstitutionId)}
                      </Link>
                    </th>
                    <td data-label={t('contracts.status')}>{t(`contractStatus.${c.status as Status}`)}</td>
                    <td data-label={t('contracts.term')}>
                      {formatDate(c.termStart)} – {formatDate(c.termEnd)}
                    </td>
                    <td data-label={t('contracts.grade')}>{c.lastGrade ? t(`grades.${c.lastGrade}`) : '—'}</td>
                    <td data-label={t('contracts.region')}>{c.regionCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {contracts.data.items.length === 0 && <p>{t('contracts.none')}</p>}
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            hasNext={contracts.data.items.length === PAGE_SIZE}
            onPage={(p) => update({ page: String(p) })}
          />
        </>
      )}
    </section>
  );
}
