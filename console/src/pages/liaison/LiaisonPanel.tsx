import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../i18n/format';
import { useSession } from '../../session/session';
import type { ContractView } from '../contract/contract-view';
import type { FactKind } from './FactPage';
import './liaison.css';

type PartyRequest = components['schemas']['PartyRequest'];
type ActionItem = components['schemas']['ActionItem'];

const forms: { kind: FactKind; path: string }[] = [
  { kind: 'visit', path: 'visits/new' },
  { kind: 'meeting', path: 'meetings/new' },
  { kind: 'request', path: 'requests/new' },
  { kind: 'referral', path: 'referrals/new' },
  { kind: 'healthTalk', path: 'health-talks/new' },
  { kind: 'survey', path: 'surveys/new' },
];

/** Queries a recorded fact changes: the contract, its agenda and its records. */
const touched = (contractId: string) => [['contract', contractId]];

function AnswerForm({ contractId, request }: { contractId: string; request: PartyRequest }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const send = useCommand({
    scope: `answer:${request.id}`,
    send: (body: { answer: string }) =>
      unwrap(
        api.POST('/contracts/{id}/requests/{rid}/answer', {
          params: { path: { id: contractId, rid: request.id } },
          body,
        }),
      ),
    invalidates: touched(contractId),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate({ answer });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field name="answer" label={t('liaison.requests.answer', { subject: request.subject })} error={send.error}>
        <textarea rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} />
      </Field>
      <ProblemAlert error={send.error} />
      <button type="submit" disabled={send.isPending}>
        {t('liaison.requests.submitAnswer')}
      </button>
    </form>
  );
}

function Requests({ contractId, side }: { contractId: string; side: 'medical' | 'care' }) {
  const { t } = useTranslation();
  const requests = useQuery({
    queryKey: ['contract', contractId, 'requests', 'open'],
    queryFn: () =>
      unwrap(api.GET('/contracts/{id}/requests', { params: { path: { id: contractId }, query: { status: 'open' } } })),
  });
  const items = requests.data?.items ?? [];
  return (
    <section aria-labelledby="liaison-requests-heading">
      <h3 id="liaison-requests-heading">{t('liaison.requests.title')}</h3>
      <ProblemAlert error={requests.error} />
      {requests.data && items.length === 0 && <p>{t('liaison.requests.none')}</p>}
      <ul className="card-list" aria-labelledby="liaison-requests-heading">
        {items.map((r) => (
          <li key={r.id} className="card">
            <h4 className="card-title">{r.subject}</h4>
            <p className="liaison-meta">
              {t('liaison.requests.from', { side: t(`liaison.sides.${r.fromSide}`) })} ·{' '}
              {t('liaison.requests.due', { date: formatDate(r.answerDueDate) })}
            </p>
            <p className="liaison-text">{r.body}</p>
            {r.fromSide !== side ? (
              <AnswerForm contractId={contractId} request={r} />
            ) : (
              <p>{t('liaison.requests.awaiting')}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CompleteButton({ contractId, item }: { contractId: string; item: ActionItem }) {
  const { t } = useTranslation();
  const complete = useCommand({
    scope: `action-item:${item.id}`,
    send: () =>
      unwrap(
        api.POST('/contracts/{id}/action-items/{itemId}/completion', {
          params: { path: { id: contractId, itemId: item.id } },
        }),
      ),
    invalidates: touched(contractId),
  });
  return (
    <>
      <ProblemAlert error={complete.error} />
      <button
        type="button"
        disabled={complete.isPending}
        onClick={() => complete.mutate(undefined)}
        aria-label={t('liaison.actionItems.completeNamed', { description: item.description })}
      >
        {t('liaison.actionItems.complete')}
      </button>
    </>
  );
}

function ActionItems({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['contract', contractId, 'action-items', 'open'],
    queryFn: () =>
      unwrap(
        api.GET('/contracts/{id}/action-items', { params: { path: { id: contractId }, query: { status: 'open' } } }),
      ),
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="liaison-items-heading">
      <h3 id="liaison-items-heading">{t('liaison.actionItems.title')}</h3>
      <ProblemAlert error={list.error} />
      {list.data && items.length === 0 && <p>{t('liaison.actionItems.none')}</p>}
      <ul className="card-list" aria-labelledby="liaison-items-heading">
        {items.map((item) => (
          <li key={item.id} className="card">
            <p className="liaison-text">{item.description}</p>
            <p className="liaison-meta">
              {t('liaison.actionItems.owner', { name: item.ownerName, side: t(`liaison.sides.${item.ownerSide}`) })} ·{' '}
              {t('liaison.actionItems.due', { date: formatDate(item.dueDate) })}
            </p>
            <CompleteButton contractId={contractId} item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On a contract's page, what a liaison officer (or a party's office) of either side records for it. */
export function LiaisonPanel({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  const recorded = (useLocation().state as { recorded?: FactKind } | null)?.recorded;
  const side =
    user?.institutionId === contract.medicalInstitutionId
      ? 'medical'
      : user?.institutionId === contract.careInstitutionId
        ? 'care'
        : undefined;
  if (
    !user ||
    !side ||
    !(user.role === 'liaison' || user.role === 'party') ||
    !['active', 'rectifying'].includes(contract.status)
  )
    return null;
  return (
    <section aria-labelledby="liaison-heading" className="liaison-panel">
      <h2 id="liaison-heading">{t('liaison.panel.title')}</h2>
      {recorded && (
        <p className="alert alert-success" role="status">
          {t('liaison.panel.recorded', { what: t(`liaison.forms.${recorded}.title`) })}
        </p>
      )}
      <ul className="liaison-actions">
        {forms.map((f) => (
          <li key={f.kind}>
            <Link className="button" to={`/contracts/${contract.id}/${f.path}`}>
              {t(`liaison.forms.${f.kind}.title`)}
            </Link>
          </li>
        ))}
      </ul>
      <ActionItems contractId={contract.id} />
      <Requests contractId={contract.id} side={side} />
    </section>
  );
}
