import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n/format';
import { useSession } from '../../session/session';
import { ContractParties } from './ContractParties';
import { DeadlineBadge, StatusBadge } from './EvaluationBadges';
import type { Evaluation } from './evaluation-view';
import './evaluator.css';

const PAGE_SIZE = 20;
const statuses = ['assigned', 'graded'] as const;

/**
 * An evaluator's assignments across cycles, soonest deadline first; a regulator or admin reads one
 * cycle's evaluations (mails link here with ?cycleId=…).
 */
export function EvaluationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('evaluator.list.title'));
  const role = useSession().data?.user.role;
  const [search, setSearch] = useSearchParams();
  const cycleId = search.get('cycleId') ?? undefined;
  const status = statuses.find((s) => s === search.get('status'));
  // Keyset pages: the cursor that opened each page seen so far, so "previous" returns to it.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length;
  const needsCycle = role !== 'evaluator' && !cycleId;
  const query = {
    limit: PAGE_SIZE,
    ...(cycleId ? { cycleId } : {}),
    ...(status ? { status } : {}),
    ...(cursors[page - 1] ? { cursor: cursors[page - 1] } : {}),
  };
  const evaluations = useQuery({
    queryKey: ['evaluations', query],
    queryFn: () => unwrap(api.GET('/evaluations', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: Boolean(role) && !needsCycle,
  });
  const chooseStatus = (value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set('status', value);
    else next.delete('status');
    setSearch(next);
    setCursors([undefined]);
  };
  const onPage = (to: number) =>
    setCursors(to < page ? cursors.slice(0, to) : [...cursors, evaluations.data?.nextCursor]);

  return (
    <section aria-labelledby="evaluations-heading" className="evaluator-page">
      <h1 id="evaluations-heading">{t('evaluator.list.title')}</h1>
      {cycleId && role !== 'evaluator' && (
        <p>
          <Link to={`/cycles/${cycleId}`}>{t('evaluator.list.backToCycle')}</Link>
        </p>
      )}
      {needsCycle ? (
        <p>
          {t('evaluator.list.chooseCycle')} <Link to="/cycles">{t('evaluator.list.cycles')}</Link>
        </p>
      ) : (
        <>
          <form className="filters" aria-label={t('evaluator.list.filters')} onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor="evaluations-status">{t('evaluator.list.status')}</label>
              <select id="evaluations-status" value={status ?? ''} onChange={(e) => chooseStatus(e.target.value)}>
                <option value="">{t('common.all')}</option>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`evaluator.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </form>
          <ProblemAlert error={evaluations.error} />
          {evaluations.isPending && <Loading />}
          {evaluations.data && (
            <>
              {evaluations.data.items.length === 0 ? (
                <p>{t('evaluator.list.none')}</p>
              ) : (
                <div className="table-scroll">
                  <table className="responsive-table">
                    <caption>{t('evaluator.list.caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('evaluator.list.parties')}</th>
                        <th scope="col">{t('evaluator.list.kind')}</th>
                        <th scope="col">{t('evaluator.list.deadline')}</th>
                        <th scope="col">{t('evaluator.list.status')}</th>
                        <th scope="col">{t('evaluator.list.grade')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {evaluations.data.items.map((e) => (
                        <Row key={e.id} evaluation={e} />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Pagination
                page={page}
                total={evaluations.data.total}
                pageSize={PAGE_SIZE}
                hasNext={Boolean(evaluations.data.nextCursor)}
                onPage={onPage}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

function Row({ evaluation: e }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  return (
    <tr>
      <th scope="row" data-label={t('evaluator.list.parties')}>
        <Link to={`/evaluations/${e.id}`}>
          <ContractParties contractId={e.contractId} />
        </Link>
      </th>
      <td data-label={t('evaluator.list.kind')}>{t(`evaluator.kind.${e.kind}`)}</td>
      <td data-label={t('evaluator.list.deadline')}>
        <time dateTime={e.deadline}>{formatDate(e.deadline)}</time> <DeadlineBadge evaluation={e} />
      </td>
      <td data-label={t('evaluator.list.status')}>
        <StatusBadge status={e.status} />
      </td>
      <td data-label={t('evaluator.list.grade')}>{e.grade ? t(`grades.${e.grade as 'excellent'}`) : '—'}</td>
    </tr>
  );
}
