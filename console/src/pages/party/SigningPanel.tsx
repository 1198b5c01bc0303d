import { type FormEvent, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSession } from '../../session/session';
import type { ContractView } from '../contract/contract-view';
import './party.css';

/** On a contract's page, what a contracting party signs or answers: its signature, renewal proposals. */
export function SigningPanel({ contract }: { contract: ContractView }) {
  const me = useSession().data?.user;
  if (!me || (me.role !== 'party' && me.role !== 'liaison')) return null;
  const side =
    me.institutionId === contract.medicalInstitutionId
      ? 'medical'
      : me.institutionId === contract.careInstitutionId
        ? 'care'
        : undefined;
  if (!side) return null;
  return (
    <>
      {contract.status === 'draft' && <Signature contract={contract} side={side} />}
      {me.role === 'party' && contract.status === 'active' && <Renewals contract={contract} side={side} />}
    </>
  );
}

function Signature({ contract, side }: { contract: ContractView; side: 'medical' | 'care' }) {
  const { t } = useTranslation();
  const signed = contract.signatures.some((s) => s.side === side);
  const sign = useCommand({
    scope: `signature:${contract.id}`,
    send: () => unwrap(api.POST('/contracts/{id}/signatures', { params: { path: { id: contract.id } } })),
    invalidates: [['contract', contract.id]],
  });
  return (
    <section aria-labelledby="party-signing-heading" className="party-panel">
      <h2 id="party-signing-heading">{t('party.signing.title')}</h2>
      {signed ? (
        <p>{t('party.signing.signed')}</p>
      ) : (
        <>
          <p>{t('party.signing.intro')}</p>
          <ProblemAlert error={sign.error} />
          <button type="button" onClick={() => sign.mutate(undefined)} disabled={sign.isPending}>
            {t('party.signing.sign')}
          </button>
        </>
      )}
    </section>
  );
}

function Renewals({ contract, side }: { contract: ContractView; side: 'medical' | 'care' }) {
  const { t } = useTranslation();
  const id = contract.id;
  const proposals = useQuery({
    queryKey: ['renewal-proposals', id],
    queryFn: () => unwrap(api.GET('/contracts/{id}/renewal-proposals', { params: { path: { id } } })),
  });
  const invalidates = [
    ['renewal-proposals', id],
    ['contract', id],
  ];
  const [termEnd, setTermEnd] = useState('');
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const propose = useCommand({
    scope: `renewal:${id}`,
    send: (body: { termEnd: string }) =>
      unwrap(api.POST('/contracts/{id}/renewal-proposals', { params: { path: { id } }, body })),
    invalidates,
  });
  const countersign = useCommand({
    scope: `renewal-countersign:${id}`,
    send: (proposalId: string) =>
      unwrap(
        api.POST('/contracts/{id}/renewal-proposals/{proposalId}/countersign', {
          params: { path: { id, proposalId } },
        }),
      ),
    invalidates,
  });
  const decline = useCommand({
    scope: `renewal-decline:${id}`,
    send: (proposalId: string) =>
      unwrap(
        api.POST('/contracts/{id}/renewal-proposals/{proposalId}/decline', {
          params: { path: { id, proposalId } },
          body: reason.trim() ? { reason } : {},
        }),
      ),
    invalidates,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    propose.mutate({ termEnd });
  };
  const items = proposals.data?.items ?? [];
  return (
    <section aria-labelledby="party-renewal-heading" className="party-panel">
      <h2 id="party-renewal-heading">{t('party.renewal.title')}</h2>
      <ProblemAlert error={proposals.error ?? countersign.error ?? decline.error} />
      {items.length === 0 ? (
        <p>{t('party.renewal.none')}</p>
      ) : (
        <ul className="party-list">
          {items.map((p) => (
            <li key={p.id} className="card">
              <p>
                {t('party.renewal.proposal', {
                  side: t(`contract.sides.${p.side}`),
                  from: p.previousTermEnd,
                  to: p.termEnd,
                  deadline: p.countersignDeadline,
                })}
              </p>
              <p>
                {t('party.renewal.status')}: {t(`party.renewal.statuses.${p.status}`)}
              </p>
              {p.status === 'open' && p.side !== side && (
                <div className="party-actions">
                  <button type="button" onClick={() => countersign.mutate(p.id)} disabled={countersign.isPending}>
                    {t('party.renewal.countersign')}
                  </button>
                  <div className="field">
                    <label htmlFor={`${reasonId}-${p.id}`}>{t('party.renewal.declineReason')}</label>
                    <input id={`${reasonId}-${p.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
                  </div>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => decline.mutate(p.id)}
                    disabled={decline.isPending}
                  >
                    {t('party.renewal.decline')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <Field name="termEnd" label={t('party.renewal.termEnd')} error={propose.error}>
          <input type="date" value={termEnd} onChange={(e) => setTermEnd(e.target.value)} />
        </Field>
        <ProblemAlert error={propose.error} />
        <button type="submit" disabled={propose.isPending}>
          {t('party.renewal.propose')}
        </button>
      </form>
    </section>
  );
}
