import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { AuditTrail } from '../components/AuditTrail';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePageTitle } from '../components/usePageTitle';
import { useSession } from '../session/session';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format';
import { ContractAgenda } from './contract/ContractAgenda';
import { ApprovalPanel } from './contract/ApprovalPanel';
import { ContractRecords } from './contract/ContractRecords';
import { ContractTerms } from './contract/ContractTerms';
import { SubsidySection } from './contract/SubsidySection';
import { TerminationPanel } from './contract/TerminationPanel';
import { DirectOrderLink } from './desk/DirectOrderLink';
import { LiaisonPanel } from './liaison/LiaisonPanel';
import { SigningPanel } from './party/SigningPanel';

function useInstitution(id: string | undefined) {
  return useQuery({
    queryKey: ['institution', id],
    queryFn: () => unwrap(api.GET('/institutions/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

function Grade({ evaluationId, grade }: { evaluationId?: string; grade?: string }) {
  const { t } = useTranslation();
  const evaluation = useQuery({
    queryKey: ['evaluation', evaluationId],
    queryFn: () => unwrap(api.GET('/evaluations/{id}', { params: { path: { id: evaluationId! } } })),
    enabled: Boolean(evaluationId),
  });
  return (
    <section aria-labelledby="grades-heading">
      <h2 id="grades-heading">{t('contract.grades')}</h2>
      {!grade ? (
        <p>{t('contract.notGraded')}</p>
      ) : (
        <dl className="facts">
          <dt>{t('contracts.grade')}</dt>
          <dd>{t(`grades.${grade as 'excellent'}`)}</dd>
          {evaluation.data?.weightedScore !== undefined && (
            <>
              <dt>{t('contract.weightedScore')}</dt>
              <dd>{formatNumber(evaluation.data.weightedScore, 1)}</dd>
            </>
          )}
          {evaluation.data?.gradedAt && (
            <>
              <dt>{t('contract.gradedAt')}</dt>
              <dd>{formatDateTime(evaluation.data.gradedAt)}</dd>
            </>
          )}
          {evaluation.data?.findings && (
            <>
              <dt>{t('contract.findings')}</dt>
              <dd>{evaluation.data.findings}</dd>
            </>
          )}
        </dl>
      )}
      <ProblemAlert error={evaluation.error} />
    </section>
  );
}

export function ContractPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const role = useSession().data?.user.role;
  const contract = useQuery({
    queryKey: ['contract', id],
    queryFn: () => unwrap(api.GET('/contracts/{id}', { params: { path: { id } } })),
  });
  const c = contract.data;
  const medical = useInstitution(c?.medicalInstitutionId);
  const care = useInstitution(c?.careInstitutionId);
  // Evaluators read the compliance of the contracts they were assigned (the API scopes it); the
  // facts behind it stay with the parties and their regulators.
  const mayReadFacts = role !== 'evaluator';
  const compliance = useQuery({
    queryKey: ['contract', id, 'compliance'],
    queryFn: () => unwrap(api.GET('/contracts/{id}/compliance', { params: { path: { id } } })),
    enabled: Boolean(c),
  });
  const title = c ? `${care.data?.name ?? '…'} – ${medical.data?.name ?? '…'}` : t('contract.title');
  usePageTitle(title);

  if (contract.isPending) return <Loading />;
  if (!c)
    return (
      <section aria-labelledby="contract-heading">
        <h1 id="contract-heading">{t('contract.title')}</h1>
        <ProblemAlert error={contract.error} />
        <Link to="/contracts">{t('contract.back')}</Link>
      </section>
    );
  const signatureOf = (side: 'medical' | 'care') => c.signatures.find((s) => s.side === side);
  const parties = [
    { side: 'medical' as const, institution: medical.data },
    { side: 'care' as const, institution: care.data },
  ];
  return (
    <article aria-labelledby="contract-heading">
      <p>
        <Link to="/contracts">{t('contract.back')}</Link>
      </p>
      <h1 id="contract-heading">{title}</h1>
      <dl className="facts">
        <dt>{t('contracts.status')}</dt>
        <dd>{t(`contractStatus.${c.status}`)}</dd>
        <dt>{t('contracts.term')}</dt>
        <dd>
          {formatDate(c.termStart)} – {formatDate(c.termEnd)}
        </dd>
        <dt>{t('contracts.region')}</dt>
        <dd>{c.regionCode}</dd>
        {c.status === 'draft' && (
          <>
            <dt>{t('contract.signingDeadline')}</dt>
            <dd>{formatDateTime(c.signingDeadline)}</dd>
          </>
        )}
        {c.closeReason && (
          <>
            <dt>{t('contract.closeReason')}</dt>
            <dd>{c.closeReason}</dd>
          </>
        )}
        <dt>{t('contract.policyVersion')}</dt>
        <dd>{c.policyVersion}</dd>
      </dl>

      <section aria-labelledby="parties-heading">
        <h2 id="parties-heading">{t('contracts.parties')}</h2>
        <ul className="card-list columns">
          {parties.map(({ side, institution }) => {
            const signature = signatureOf(side);
            return (
              <li key={side} className="card">
                <h3 className="card-title">{institution?.name ?? '…'}</h3>
                <p>{t(`contract.sides.${side}`)}</p>
                <p>
                  {signature
                    ? t('contract.signedAt', { at: formatDateTime(signature.signedAt) })
                    : t('contract.notSigned')}
                </p>
              </li>
            );
          })}
        </ul>
      </section>

      <SigningPanel contract={c} />
      <ApprovalPanel contract={c} />
      <LiaisonPanel contract={c} />
      <ContractTerms terms={c.terms} />
      <ProblemAlert error={compliance.error} />
      {compliance.isPending && <Loading />}
      {compliance.data && <ContractAgenda compliance={compliance.data} />}
      {mayReadFacts && c.status !== 'draft' && <ContractRecords contractId={c.id} />}
      <Grade evaluationId={c.lastEvaluationId} grade={c.lastGrade} />
      <SubsidySection contract={c} />
      <TerminationPanel contract={c} />
      <DirectOrderLink contract={c} />
      <AuditTrail subject="contract" id={c.id} />
    </article>
  );
}
