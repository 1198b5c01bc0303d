import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n/format';
import type { ContractView } from '../contract/contract-view';
import './liaison.css';

export type FactKind = 'visit' | 'meeting' | 'survey' | 'request' | 'referral' | 'healthTalk';

/** Where a recorded fact sends its recorder: back to the contract, which says what was recorded. */
export function useBackToContract(contractId: string, kind: FactKind) {
  const navigate = useNavigate();
  return () => navigate(`/contracts/${contractId}`, { state: { recorded: kind } });
}

/** A page recording one fact on a contract: its title, the contract's term, and the form. */
export function FactPage({ kind, form }: { kind: FactKind; form: (contract: ContractView) => ReactNode }) {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const contract = useQuery({
    queryKey: ['contract', id],
    queryFn: () => unwrap(api.GET('/contracts/{id}', { params: { path: { id } } })),
  });
  const title = t(`liaison.forms.${kind}.title`);
  usePageTitle(title);
  const c = contract.data;
  return (
    <article aria-labelledby="fact-heading" className="liaison-fact">
      <p>
        <Link to={`/contracts/${id}`}>{t('liaison.backToContract')}</Link>
      </p>
      <h1 id="fact-heading">{title}</h1>
      {contract.isPending && <Loading />}
      <ProblemAlert error={contract.error} />
      {c && (
        <>
          <p className="field-hint">
            {t('liaison.termHint', { from: formatDate(c.termStart), to: formatDate(c.termEnd) })}
          </p>
          {form(c)}
        </>
      )}
    </article>
  );
}
