import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useSession } from '../../session/session';
import type { ContractView } from './contract-view';

type Decision = 'approve' | 'return';

/**
 * 备案: the approval rounds of a contract, and while it is pending approval, a regulator's decision:
 * approve, or return it to the parties with reasons (its signatures are then void).
 */
export function ApprovalPanel({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  const rounds = useQuery({
    queryKey: ['contract', contract.id, 'approvals'],
    queryFn: () => unwrap(api.GET('/contracts/{id}/approvals', { params: { path: { id: contract.id } } })),
  });
  const [decision, setDecision] = useState<Decision>('approve');
  const [reasons, setReasons] = useState('');
  const decide = useCommand({
    scope: `approval:${contract.id}`,
    send: (body: { decision: Decision; reasons?: string }) =>
      unwrap(api.POST('/contracts/{id}/approval', { params: { path: { id: contract.id } }, body })),
    invalidates: [['contract', contract.id]],
  });
  const mayDecide = contract.status === 'pending-approval' && (role === 'regulator' || role === 'admin');
  const items = rounds.data?.items ?? [];
  if (!mayDecide && items.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate({ decision, ...(reasons.trim() ? { reasons } : {}) });
  };
  return (
    <section aria-labelledby="approval-heading">
      <h2 id="approval-heading">{t('contract.approval.title')}</h2>
      <ol className="timeline">
        {items.map((r) => (
          <li key={r.round}>
            <strong>{t('contract.approval.round', { round: r.round })}</strong>{' '}
            {r.decisionDeadline && t('contract.approval.deadline', { on: formatDate(r.decisionDeadline) })}{' '}
            {r.outcome && <span className="badge">{t(`contract.approval.outcomes.${r.outcome}`)}</span>}
            {r.decidedAt && <time dateTime={r.decidedAt}> {formatDateTime(r.decidedAt)}</time>}
            {r.reasons && <p>{r.reasons}</p>}
          </li>
        ))}
      </ol>
      <ProblemAlert error={rounds.error} />
      {mayDecide && (
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>{t('contract.approval.decision')}</legend>
            {(['approve', 'return'] as const).map((d) => (
              <div className="field checkbox" key={d}>
                <input
                  type="radio"
                  id={`approval-${d}`}
                  name="decision"
                  checked={decision === d}
                  onChange={() => setDecision(d)}
                />
                <label htmlFor={`approval-${d}`}>{t(`contract.approval.decisions.${d}`)}</label>
              </div>
            ))}
          </fieldset>
          <Field
            name="reasons"
            label={t('contract.approval.reasons')}
            hint={t('contract.approval.reasonsHint')}
            error={decide.error}
          >
            <textarea rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
          </Field>
          <ProblemAlert error={decide.error} />
          <button type="submit" className="primary" disabled={decide.isPending}>
            {t('contract.approval.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
