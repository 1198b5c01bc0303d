import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { LightBadge } from '../../components/Badges';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n/format';
import { useSession } from '../../session/session';
import './desk.css';

const statuses = [
  'open',
  'awaiting-evidence',
  'evidence-under-review',
  're-evaluation',
  'notice-of-revocation',
  'closed',
  'revoked',
  'withdrawn',
] as const;
type Status = (typeof statuses)[number];
const PAGE_SIZE = 20;

/**
 * The rectification desk: orders by deadline, soonest first, each open one with its light (red past
 * its deadline, yellow due within the region's policy days). A regulator sees its regions, a party its own.
 */
export function RectificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('desk.list.title'));
  const session = useSession().data?.user;
  const supervises = session?.role === 'regulator' || session?.role === 'admin';
  const [search, setSearch] = useSearchParams();
  const status: Status = statuses.find((s) => s === search.get('status')) ?? 'open';
  const regionCode = search.get('regionCode') ?? undefined;
  // Keyset paging: the cursor of every page visited, so "previous" goes back without recounting.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length;
  const regions = useQuery({
    queryKey: ['regions'],
    queryFn: () => unwrap(api.GET('/regions')),
    enabled: supervises,
  });
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setCursors([undefined]);
    setSearch(next);
  };
  const query = {
    status,
    limit: PAGE_SIZE,
    ...(regionCode ? { regionCode } : {}),
    ...(cursors[page - 1] ? { cursor: cursors[page - 1] } : {}),
  };
  const orders = useQuery({
    queryKey: ['rectifications', query],
    queryFn: () => unwrap(api.GET('/rectifications', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const onPage = (target: number) =>
    setCursors((visited) =>
      target < visited.length ? visited.slice(0, target) : [...visited, orders.data?.nextCursor],
    );

  return (
    <section aria-labelledby="desk-heading">
      <h1 id="desk-heading">{t('desk.list.title')}</h1>
      <p>{t('desk.list.intro')}</p>
      <form className="filters" aria-label={t('desk.list.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="desk-status">{t('desk.list.status')}</label>
          <select id="desk-status" value={status} onChange={(e) => update({ status: e.target.value })}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`desk.steps.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {supervises && (
          <div className="field">
            <label htmlFor="desk-region">{t('desk.list.region')}</label>
            <select id="desk-region" value={regionCode ?? ''} onChange={(e) => update({ regionCode: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {(regions.data?.items ?? []).map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      <ProblemAlert error={orders.error} />
      {orders.isPending && <Loading />}
      {orders.data && (
        <>
          <div className="table-scroll">
            <table className="responsive-table">
              <caption>{t('desk.list.caption', { total: orders.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('desk.list.parties')}</th>
                  <th scope="col">{t('desk.list.light')}</th>
                  <th scope="col">{t('desk.list.deadline')}</th>
                  <th scope="col">{t('desk.list.status')}</th>
                  <th scope="col">{t('desk.list.findings')}</th>
                  <th scope="col">{t('desk.list.region')}</th>
                </tr>
              </thead>
              <tbody>
                {orders.data.items.map((o) => (
                  <tr key={o.id} data-rectification={o.id}>
                    <th scope="row" data-label={t('desk.list.parties')}>
                      <Link to={`/rectifications/${o.id}`}>
                        {o.careInstitution.name} – {o.medicalInstitution.name}
                      </Link>
                    </th>
                    <td data-label={t('desk.list.light')}>{o.light ? <LightBadge light={o.light} /> : '—'}</td>
                    <td data-label={t('desk.list.deadline')}>{formatDate(o.currentDeadline)}</td>
                    <td data-label={t('desk.list.status')}>{t(`desk.steps.${o.status}`)}</td>
                    <td data-label={t('desk.list.findings')}>{o.findingCount}</td>
                    <td data-label={t('desk.list.region')}>{o.regionCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {orders.data.items.length === 0 && <p>{t('desk.list.none')}</p>}
          <Pagination
            page={page}
            total={orders.data.total}
            pageSize={PAGE_SIZE}
            hasNext={Boolean(orders.data.nextCursor)}
            onPage={onPage}
          />
        </>
      )}
    </section>
  );
}
