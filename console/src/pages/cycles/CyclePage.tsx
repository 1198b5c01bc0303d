import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { EChart } from '../../components/EChart';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { distributionOption, gradeKeys } from './cycle-charts';
import './cycles.css';

/** How often a running cycle's progress and report are fetched again. */
const LIVE_MS = 3000;
const OVERDUE_PAGE = 20;

/** One evaluation cycle: its live progress while running, then its report and the evaluations overdue. */
export function CyclePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const cycle = useQuery({
    queryKey: ['cycle', id],
    queryFn: () => unwrap(api.GET('/evaluation-cycles/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data?.status === 'closed' ? false : LIVE_MS),
  });
  const c = cycle.data;
  usePageTitle(c ? t('cycles.cycleTitle', { half: c.half, region: c.regionCode }) : t('cycles.title'));
  if (cycle.isPending) return <Loading />;
  if (!c) return <ProblemAlert error={cycle.error} />;
  const p = c.progress;
  const percent = p.inScope === 0 ? 0 : Math.round((p.graded / p.inScope) * 100);
  return (
    <section aria-labelledby="cycle-heading" className="cycles">
      <p>
        <Link to={`/cycles?region=${encodeURIComponent(c.regionCode)}`}>{t('cycles.back')}</Link>
      </p>
      <h1 id="cycle-heading">{t('cycles.cycleTitle', { half: c.half, region: c.regionCode })}</h1>
      <dl className="cycle-facts">
        <dt>{t('cycles.status')}</dt>
        <dd data-testid="cycle-status">{t(`cycles.statuses.${c.status}`)}</dd>
        <dt>{t('cycles.deadline')}</dt>
        <dd>{c.deadline}</dd>
      </dl>

      <h2 id="progress-heading">{t('cycles.progress.title')}</h2>
      <div className="cycle-progress" aria-live="polite" data-testid="cycle-progress">
        <progress
          max={Math.max(p.inScope, 1)}
          value={p.graded}
          aria-labelledby="progress-heading"
          aria-valuetext={t('cycles.progress.valueText', { graded: p.graded, inScope: p.inScope, percent })}
        />
        <p>{t('cycles.progress.valueText', { graded: p.graded, inScope: p.inScope, percent })}</p>
        <ul className="cycle-counts">
          <li>
            {t('cycles.progress.inScope')}: <strong data-testid="count-inScope">{p.inScope}</strong>
          </li>
          <li>
            {t('cycles.progress.assigned')}: <strong data-testid="count-assigned">{p.assigned}</strong>
          </li>
          <li>
            {t('cycles.progress.scored')}: <strong data-testid="count-scored">{p.scored}</strong>
          </li>
          <li>
            {t('cycles.progress.graded')}: <strong data-testid="count-graded">{p.graded}</strong>
          </li>
          <li>
            {t('cycles.progress.overdue')}: <strong data-testid="count-overdue">{p.overdue}</strong>
          </li>
        </ul>
      </div>
      <p>
        <Link to={`/evaluations?cycleId=${encodeURIComponent(c.id)}`}>{t('cycles.evaluationsLink')}</Link>
      </p>
      <CycleReport id={c.id} live={c.status === 'running'} />
      <OverdueEvaluations id={c.id} live={c.status === 'running'} />
    </section>
  );
}

function CycleReport({ id, live }: { id: string; live: boolean }) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['cycle', id, 'report'],
    queryFn: () => unwrap(api.GET('/evaluation-cycles/{id}/report', { params: { path: { id } } })),
    refetchInterval: live ? LIVE_MS : false,
  });
  const r = report.data;
  const distribution = r?.distribution;
  const option = useMemo(
    () =>
      distribution &&
      distributionOption(
        gradeKeys.map((k) => t(`grades.${k}`)),
        gradeKeys.map((k) => distribution[k]),
      ),
    [distribution, t],
  );
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{t('cycles.report.title')}</h2>
      {report.isPending && <Loading />}
      <ProblemAlert error={report.error} />
      {r && option && (
        <>
          <h3>{t('cycles.report.distribution')}</h3>
          {r.graded === 0 ? (
            <p>{t('cycles.report.noneGraded')}</p>
          ) : (
            <EChart option={option} summary={t('cycles.report.chartSummary', { table: t('cycles.report.table') })} />
          )}
          <div className="table-scroll">
            <table className="responsive-table" data-testid="distribution-table">
              <caption>{t('cycles.report.table')}</caption>
              <thead>
                <tr>
                  {gradeKeys.map((k) => (
                    <th scope="col" key={k}>
                      {t(`grades.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {gradeKeys.map((k) => (
                    <td key={k} data-label={t(`grades.${k}`)} data-grade={k}>
                      {r.distribution[k]}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>

          <h3 id="consistency-heading">{t('cycles.report.consistency')}</h3>
          <p className="definition">
            {t('cycles.report.consistencyRule', {
              maxDeviation: r.consistency.maxDeviation,
              minScores: r.consistency.minScores,
            })}
          </p>
          {r.consistency.organizations.length === 0 ? (
            <p>{t('cycles.report.noConsistency')}</p>
          ) : (
            <div className="table-scroll">
              <table className="responsive-table" data-testid="consistency-table">
                <caption>{t('cycles.report.consistencyTable')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cycles.report.organization')}</th>
                    <th scope="col">{t('cycles.report.graded')}</th>
                    <th scope="col">{t('cycles.report.mean')}</th>
                    <th scope="col">{t('cycles.report.regionMean')}</th>
                    <th scope="col">{t('cycles.report.deviation')}</th>
                    <th scope="col">{t('cycles.report.flag')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.consistency.organizations.map((o) => (
                    <tr key={o.organizationId} className={o.flagged ? 'cycle-flagged' : undefined}>
                      <th scope="row" data-label={t('cycles.report.organization')}>
                        {o.organizationName}
                      </th>
                      <td data-label={t('cycles.report.graded')}>{o.graded}</td>
                      <td data-label={t('cycles.report.mean')}>{o.mean.toFixed(2)}</td>
                      <td data-label={t('cycles.report.regionMean')}>{o.regionMean.toFixed(2)}</td>
                      <td data-label={t('cycles.report.deviation')}>
                        {o.deviation > 0 ? '+' : ''}
                        {o.deviation.toFixed(2)}
                      </td>
                      <td data-label={t('cycles.report.flag')}>
                        {o.flagged ? (
                          <span className="badge badge-overdue">
                            {t(o.deviation > 0 ? 'cycles.report.lenient' : 'cycles.report.harsh')}
                          </span>
                        ) : (
                          t('cycles.report.consistent')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function OverdueEvaluations({ id, live }: { id: string; live: boolean }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length;
  const cursor = cursors[page - 1];
  const overdue = useQuery({
    queryKey: ['cycle', id, 'overdue', cursor],
    queryFn: () =>
      unwrap(
        api.GET('/evaluation-cycles/{id}/overdue-evaluations', {
          params: { path: { id }, query: { limit: OVERDUE_PAGE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    refetchInterval: live ? LIVE_MS * 2 : false,
  });
  const o = overdue.data;
  return (
    <section aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">{t('cycles.overdue.title')}</h2>
      {overdue.isPending && <Loading />}
      <ProblemAlert error={overdue.error} />
      {o && o.items.length === 0 && <p>{t('cycles.overdue.none')}</p>}
      {o && o.items.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="responsive-table" data-testid="overdue-table">
              <caption>{t('cycles.overdue.caption', { count: o.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cycles.overdue.contract')}</th>
                  <th scope="col">{t('cycles.overdue.evaluator')}</th>
                  <th scope="col">{t('cycles.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {o.items.map((e) => (
                  <tr key={e.id}>
                    <th scope="row" data-label={t('cycles.overdue.contract')}>
                      <Link to={`/contracts/${e.contractId}`}>
                        {e.careInstitutionName} – {e.medicalInstitutionName}
                      </Link>
                    </th>
                    <td data-label={t('cycles.overdue.evaluator')}>{e.organizationName}</td>
                    <td data-label={t('cycles.deadline')}>{e.deadline}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            total={o.total}
            pageSize={OVERDUE_PAGE}
            onPage={(next) =>
              setCursors((list) => (next > list.length ? [...list, o.nextCursor] : list.slice(0, Math.max(1, next))))
            }
          />
        </>
      )}
    </section>
  );
}
