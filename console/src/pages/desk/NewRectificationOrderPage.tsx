import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { DeskFindingsFieldset, emptyFinding, type FindingDraft } from './DeskFindingsFieldset';
import './desk.css';

/** A regulator's own rectification order on a contract in force: its findings, legal basis and reason. */
export function NewRectificationOrderPage() {
  const { t } = useTranslation();
  usePageTitle(t('desk.order.title'));
  const contractId = useParams().id ?? '';
  const navigate = useNavigate();
  const [findings, setFindings] = useState<FindingDraft[]>([emptyFinding()]);
  const [legalBasis, setLegalBasis] = useState('');
  const [reason, setReason] = useState('');
  const issue = useCommand({
    scope: `rectification-order:${contractId}`,
    send: (body: { findings: FindingDraft[]; legalBasis: string; reason: string }) =>
      unwrap(api.POST('/contracts/{id}/rectification-orders', { params: { path: { id: contractId } }, body })),
    invalidates: [['contract', contractId], ['rectifications']],
    onSuccess: (order) => void navigate(`/rectifications/${order.id}`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate({ findings, legalBasis, reason });
  };
  return (
    <section aria-labelledby="desk-order-heading">
      <p>
        <Link to={`/contracts/${contractId}`}>{t('desk.order.back')}</Link>
      </p>
      <h1 id="desk-order-heading">{t('desk.order.title')}</h1>
      <p>{t('desk.order.intro')}</p>
      <form onSubmit={submit} noValidate>
        <DeskFindingsFieldset findings={findings} onChange={setFindings} error={issue.error} />
        <Field name="legalBasis" label={t('desk.order.legalBasis')} error={issue.error}>
          <input value={legalBasis} maxLength={2000} onChange={(e) => setLegalBasis(e.target.value)} />
        </Field>
        <Field name="reason" label={t('desk.order.reason')} error={issue.error}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <ProblemAlert error={issue.error} />
        <button type="submit" className="primary" disabled={issue.isPending}>
          {t('desk.order.submit')}
        </button>
      </form>
    </section>
  );
}
