import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSession } from '../../session/session';
import type { ContractView } from './contract-view';

const open = ['draft', 'pending-approval', 'active'];

/** Ending a contract early, with the reason every party is told: a regulator, or a party to it. */
export function TerminationPanel({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const terminate = useCommand({
    scope: `termination:${contract.id}`,
    send: (body: { reason: string }) =>
      unwrap(api.POST('/contracts/{id}/termination', { params: { path: { id: contract.id } }, body })),
    invalidates: [['contract', contract.id]],
  });
  if (!open.includes(contract.status) || !(role === 'regulator' || role === 'admin' || role === 'party')) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirming) return setConfirming(true);
    terminate.mutate({ reason });
  };
  return (
    <section aria-labelledby="termination-heading">
      <h2 id="termination-heading">{t('contract.termination.title')}</h2>
      <form onSubmit={submit} noValidate>
        <Field name="reason" label={t('contract.termination.reason')} error={terminate.error}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        {confirming && (
          <p className="alert alert-error" role="alert">
            {t('contract.termination.confirm')}
          </p>
        )}
        <ProblemAlert error={terminate.error} />
        <button type="submit" className="danger" disabled={terminate.isPending}>
          {confirming ? t('contract.termination.confirmSubmit') : t('contract.termination.submit')}
        </button>
      </form>
    </section>
  );
}
