import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/openapi';
import { EChart } from '../components/EChart';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate, formatMonth, formatNumber, formatPercent, monthOf } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { DashboardContracts } from './DashboardContracts';
import { gradeOption, trendOption, valueOf } from './dashboard-charts';

type Figures = components['schemas']['RegionDashboard']['figures'];
/** In the page's order; `satisfies` fails the typecheck when the API adds or drops a figure. */
const figuresShown = {
  coverage: true,
  regularService: true,
  sparseVisitHomes: true,
  meetingsOnTime: true,
  requestsAnsweredInTime: true,
  longestRequestWaitDays: true,
  referralsWithinTarget: true,
  referralMedianMinutes: true,
  rectificationsOpen: true,
  rectificationsOverdue: true,
  revocations: true,
} satisfies Record<keyof Figures, true>;
const figureKeys = Object.keys(figuresShown) as (keyof Figures)[];
const trendKeys = ['regularService', 'meetingsOnTime', 'requestsAnsweredInTime', 'referralsWithinTarget'] as const;
const gradeKeys = ['excellent', 'qualified', 'unqualified', 'pending'] as const;

type Figure = { value: number | null; numerator: number; denominator: number; unit: string };

function FigureValue({ figure }: { figure: Figure }) {
  const { t } = useTranslation();
  if (figure.value === null) return <>{t('dashboard.noValue')}</>;
  switch (figure.unit) {
    case 'ratio':
      return <>{formatPercent(figure.value)}</>;
    case 'days':
      return <>{t('dashboard.days', { count: figure.value, value: formatNumber(figure.value) })}</>;
    case 'minutes':
      return <>{t('dashboard.minutes', { count: figure.value, value: formatNumber(figure.value, 1) })}</>;
    default:
      return <>{formatNumber(figure.value)}</>;
  }
}

/** The reporting window, in whole months (Asia/Shanghai), from the address; the last 12 months by default. */
function useWindow() {
  const [search, setSearch] = useSearchParams();
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  const from = month.test(search.get('from') ?? '') ? search.get('from')! : monthOf(-11);
  const to = month.test(search.get('to') ?? '') ? search.get('to')! : monthOf(0);
  const set = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(search);
    if (month.test(value)) next.set(key, value);
    next.delete('page');
    setSearch(next);
  };
  return { from, to, set, search, setSearch };
}

export function DashboardPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  usePageTitle(t('dashboard.title', { region: code }));
  const period = useWindow();
  const language = currentLanguage();
  const dashboard = useQuery({
    queryKey: ['dashboard', code, period.from, period.to],
    queryFn: () =>
      unwrap(
        api.GET('/regions/{code}/dashboard', {
          params: { path: { code }, query: { from: period.from, to: period.to } },
        }),
      ),
  });
  const d = dashboard.data;
  const trend = useMemo(
    () =>
      d &&
      trendOption(
        d.trend.map((p) => formatMonth(p.month)),
        trendKeys.map((k) => ({ name: t(`dashboard.figures.${k}`), values: d.trend.map((p) => valueOf(p, k)) })),
      ),
    [d, t],
  );
  const grades = useMemo(
    () =>
      d &&
      gradeOption(
        d.gradesByCycle.map((c) => c.half),
        gradeKeys.map((k) => ({ name: t(`grades.${k}`), values: d.gradesByCycle.map((c) => c[k]) })),
      ),
    [d, t],
  );

  return (
    <section aria-labelledby="dashboard-heading">
      <h1 id="dashboard-heading">{t('dashboard.title', { region: code })}</h1>
      <form className="filters" aria-label={t('dashboard.window')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="window-from">{t('dashboard.from')}</label>
          <input
            id="window-from"
            type="month"
            value={period.from}
            onChange={(e) => period.set('from', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="window-to">{t('dashboard.to')}</label>
          <input id="window-to" type="month" value={period.to} onChange={(e) => period.set('to', e.target.value)} />
        </div>
      </form>
      <ProblemAlert error={dashboard.error} />
      {dashboard.isPending && <Loading />}
      {d && trend && grades && (
        <>
          <p className="hint">
            {t('dashboard.asOf', {
              date: formatDate(d.asOf),
              from: formatMonth(d.window.from),
              to: formatMonth(d.window.to),
            })}
          </p>
          <h2>{t('dashboard.figuresHeading')}</h2>
          <ul className="figure-grid">
            {figureKeys.map((key) => {
              const figure = d.figures[key];
              return (
                <li key={key} className="card figure">
                  <h3 className="figure-name">{t(`dashboard.figures.${key}`)}</h3>
                  <p className="figure-value">
                    <FigureValue figure={figure} />
                  </p>
                  {figure.unit === 'ratio' && (
                    <p className="hint">
                      {t('dashboard.fraction', { numerator: figure.numerator, denominator: figure.denominator })}
                    </p>
                  )}
                  <p className="definition">{d.definitions[language][key]}</p>
                  {figure.reference && (
                    <p className="hint">
                      {figure.reference.text[language]} (<cite>{figure.reference.source}</cite>)
                    </p>
                  )}
                </li>
              );
            })}
            <li className="card figure">
              <h3 className="figure-name">{t('dashboard.subsidy', { year: d.subsidy.year })}</h3>
              <p className="figure-value">
                {t('dashboard.yuan', { value: formatNumber(Number(d.subsidy.totalYuan), 2) })}
              </p>
              <p className="hint">{t('dashboard.subsidyContracts', { count: d.subsidy.contracts })}</p>
              <p className="definition">{d.definitions[language].subsidy}</p>
            </li>
          </ul>

          <h2 id="trend-heading">{t('dashboard.trend')}</h2>
          <p className="definition">{d.definitions[language].trend}</p>
          <EChart option={trend} summary={t('dashboard.chartSummary', { table: t('dashboard.trendTable') })} />
          <div className="table-scroll">
            <table className="responsive-table">
              <caption>{t('dashboard.trendTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.month')}</th>
                  {trendKeys.map((k) => (
                    <th scope="col" key={k}>
                      {t(`dashboard.figures.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.trend.map((p) => (
                  <tr key={p.month}>
                    <th scope="row" data-label={t('dashboard.month')}>
                      {formatMonth(p.month)}
                    </th>
                    {trendKeys.map((k) => (
                      <td key={k} data-label={t(`dashboard.figures.${k}`)}>
                        <FigureValue figure={p[k]} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>{t('dashboard.grades')}</h2>
          {d.definitions[language].grades && <p className="definition">{d.definitions[language].grades}</p>}
          {d.gradesByCycle.length === 0 ? (
            <p>{t('dashboard.noCycles')}</p>
          ) : (
            <>
              <EChart option={grades} summary={t('dashboard.chartSummary', { table: t('dashboard.gradeTable') })} />
              <div className="table-scroll">
                <table className="responsive-table">
                  <caption>{t('dashboard.gradeTable')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.cycle')}</th>
                      {gradeKeys.map((k) => (
                        <th scope="col" key={k}>
                          {t(`grades.${k}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d.gradesByCycle.map((c) => (
                      <tr key={c.cycleId}>
                        <th scope="row" data-label={t('dashboard.cycle')}>
                          {c.half}
                        </th>
                        {gradeKeys.map((k) => (
                          <td key={k} data-label={t(`grades.${k}`)}>
                            {c[k]}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}

          <DashboardContracts code={code} from={period.from} to={period.to} lightRule={d.lightRule[language]} />
        </>
      )}
    </section>
  );
}
