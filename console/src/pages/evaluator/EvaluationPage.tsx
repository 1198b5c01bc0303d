import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { AuditTrail } from '../../components/AuditTrail';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n/format';
import { useSession } from '../../session/session';
import { ContractAgenda } from '../contract/ContractAgenda';
import { DeadlineBadge, StatusBadge } from './EvaluationBadges';
import { ScoreForm } from './ScoreForm';
import { ScoresView } from './ScoresView';
import { useContractParties } from './evaluation-view';
import './evaluator.css';

/** One evaluation: the scoring form (or, once graded, what was submitted and its grade) beside the obligation record. */
export function EvaluationPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const role = useSession().data?.user.role;
  const evaluation = useQuery({
    queryKey: ['evaluation', id],
    queryFn: () => unwrap(api.GET('/evaluations/{id}', { params: { path: { id } } })),
  });
  const e = evaluation.data;
  const parties = useContractParties(e?.contractId ?? '');
  const compliance = useQuery({
    queryKey: ['contract', e?.contractId, 'compliance'],
    queryFn: () => unwrap(api.GET('/contracts/{id}/compliance', { params: { path: { id: e!.contractId } } })),
    enabled: Boolean(e),
  });
  const title = e ? t('evaluator.page.title', { parties: parties.label }) : t('evaluator.page.untitled');
  usePageTitle(title);

  if (evaluation.isPending) return <Loading />;
  if (!e)
    return (
      <section aria-labelledby="evaluation-heading">
        <h1 id="evaluation-heading">{t('evaluator.page.untitled')}</h1>
        <ProblemAlert error={evaluation.error} />
        <Link to="/evaluations">{t('evaluator.page.back')}</Link>
      </section>
    );
  return (
    <article aria-labelledby="evaluation-heading" className="evaluator-page">
      <p>
        <Link to={e.cycleId && role !== 'evaluator' ? `/evaluations?cycleId=${e.cycleId}` : '/evaluations'}>
          {t('evaluator.page.back')}
        </Link>
      </p>
      <h1 id="evaluation-heading">{title}</h1>
      <dl className="facts">
        <dt>{t('evaluator.list.status')}</dt>
        <dd>
          <StatusBadge status={e.status} />
        </dd>
        <dt>{t('evaluator.list.kind')}</dt>
        <dd>{t(`evaluator.kind.${e.kind}`)}</dd>
        <dt>{t('evaluator.list.deadline')}</dt>
        <dd>
          <time dateTime={e.deadline}>{formatDate(e.deadline)}</time> <DeadlineBadge evaluation={e} />
        </dd>
        <dt>{t('evaluator.page.contract')}</dt>
        <dd>
          <Link to={`/contracts/${e.contractId}`}>{parties.label}</Link>
        </dd>
        {parties.contract.data && (
          <>
            <dt>{t('evaluator.page.term')}</dt>
            <dd>
              {formatDate(parties.contract.data.termStart)} – {formatDate(parties.contract.data.termEnd)}
            </dd>
          </>
        )}
      </dl>
      <div className="evaluation-columns">
        <div className="evaluation-main">
          {e.status === 'graded' ? (
            <ScoresView evaluation={e} />
          ) : role === 'evaluator' ? (
            <ScoreForm evaluation={e} />
          ) : (
            <p>{t('evaluator.page.awaitingScores')}</p>
          )}
        </div>
        <aside className="evaluation-record" aria-label={t('evaluator.page.record')}>
          <ProblemAlert error={compliance.error} />
          {compliance.isPending && <Loading />}
          {compliance.data && <ContractAgenda compliance={compliance.data} />}
        </aside>
      </div>
      <AuditTrail subject="evaluation" id={e.id} />
    </article>
  );
}
