import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { type Light, LightBadge } from '../components/Badges';
import { Loading } from '../components/Loading';
import { Pagination } from '../components/Pagination';
import { ProblemAlert } from '../components/ProblemAlert';
import { currentLanguage } from '../i18n/i18n';

const lights = ['red', 'yellow', 'green'] as const;
const PAGE_SIZE = 20;
const isLight = (v: string | null): v is Light => lights.includes(v as Light);

/** The per-contract table with its red/yellow/green lights, the rule behind them, and the file exports. */
export function DashboardContracts(props: { code: string; from: string; to: string; lightRule: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [search, setSearch] = useSearchParams();
  const light = isLight(search.get('light')) ? (search.get('light') as Light) : undefined;
  const q = search.get('q') ?? '';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const [text, setText] = useState(q);
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearch(next);
  };
  const query = { from: props.from, to: props.to, ...(light ? { light } : {}), ...(q ? { q } : {}) };
  const rows = useQuery({
    queryKey: ['dashboard-contracts', props.code, query, page],
    queryFn: () =>
      unwrap(
        api.GET('/regions/{code}/dashboard/contracts', {
          params: { path: { code: props.code }, query: { ...query, page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  // api: GET /regions/{code}/dashboard/contracts/export (a download link, so the browser saves the file)
  const exportHref = (format: 'csv' | 'xlsx') =>
    `/regions/${encodeURIComponent(props.code)}/dashboard/contracts/export?${new URLSearchParams({ format, ...query })}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() || undefined, page: undefined });
  };

  return (
    <section aria-labelledby="contracts-lights-heading">
      <h2 id="contracts-lights-heading">{t('dashboard.contracts')}</h2>
      <div className="light-rule">
        <h3>{t('dashboard.lightRule')}</h3>
        <p>{props.lightRule}</p>
      </div>
      <form className="filters" aria-label={t('dashboard.contractFilters')} onSubmit={submit}>
        <div className="field">
          <label htmlFor="rows-light">{t('dashboard.light')}</label>
          <select
            id="rows-light"
            value={light ?? ''}
            onChange={(e) => update({ light: e.target.value, page: undefined })}
          >
            <option value="">{t('common.all')}</option>
            {lights.map((l) => (
              <option key={l} value={l}>
                {t(`lights.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rows-q">{t('dashboard.search')}</label>
          <input id="rows-q" type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{t('common.search')}</button>
      </form>
      <p className="exports">
        <a href={exportHref('csv')} download>
          {t('dashboard.exportCsv')}
        </a>
        <a href={exportHref('xlsx')} download>
          {t('dashboard.exportXlsx')}
        </a>
      </p>
      <ProblemAlert error={rows.error} />
      {rows.isPending && <Loading />}
      {rows.data && (
        <>
          <div className="table-scroll">
            <table className="responsive-table">
              <caption>{t('dashboard.contractsCaption', { count: rows.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('contracts.parties')}</th>
                  <th scope="col">{t('dashboard.light')}</th>
                  <th scope="col">{t('dashboard.reasons')}</th>
                  <th scope="col">{t('contracts.status')}</th>
                  <th scope="col">{t('contracts.grade')}</th>
                  <th scope="col">{t('dashboard.visits')}</th>
                  <th scope="col">{t('dashboard.meetings')}</th>
                  <th scope="col">{t('dashboard.requests')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.data.items.map((row) => (
                  <tr key={row.contractId}>
                    <th scope="row" data-label={t('contracts.parties')}>
                      <Link to={`/contracts/${row.contractId}`}>
                        {row.care.name} – {row.medical.name}
                      </Link>
                    </th>
                    <td data-label={t('dashboard.light')}>
                      <LightBadge light={row.light} />
                    </td>
                    <td data-label={t('dashboard.reasons')}>
                      {row.reasons.length
                        ? row.reasons.map((r) => r.text[language]).join('；')
                        : t('dashboard.noReasons')}
                    </td>
                    <td data-label={t('contracts.status')}>
                      {t(`contractStatus.${row.status}` as 'contractStatus.active')}
                    </td>
                    <td data-label={t('contracts.grade')}>{row.grade ? t(`grades.${row.grade}`) : '—'}</td>
                    <td data-label={t('dashboard.visits')}>
                      {t('dashboard.visitsCell', {
                        actual: row.visits.actual,
                        required: row.visits.required,
                        met: row.visits.periodsMet,
                        periods: row.visits.periods,
                      })}
                    </td>
                    <td data-label={t('dashboard.meetings')}>
                      {t('dashboard.periodsCell', { met: row.meetings.periodsMet, periods: row.meetings.periods })}
                    </td>
                    <td data-label={t('dashboard.requests')}>
                      {t('dashboard.requestsCell', { open: row.openRequests, overdue: row.overdueRequests })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            total={rows.data.total}
            pageSize={rows.data.pageSize}
            onPage={(p) => update({ page: String(p) })}
          />
        </>
      )}
    </section>
  );
}
