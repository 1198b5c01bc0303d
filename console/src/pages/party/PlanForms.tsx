import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { type OrderFinding, type PartyOrder } from './party-order';
import './party.css';

/** A plan of correction for each finding awaiting one, from the side that answers for it. */
export function Plans({ order, findings }: { order: PartyOrder; findings: OrderFinding[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="party-plans-heading" className="party-panel">
      <h2 id="party-plans-heading">{t('party.plan.title')}</h2>
      <p>{t('party.plan.intro', { date: order.planDeadline ?? '' })}</p>
      {findings.map((f) => (
        <PlanForm key={f.id} orderId={order.id} finding={f} />
      ))}
    </section>
  );
}

const emptyPlan = { affected: '', changes: '', responsible: '', monitoring: '', completionDate: '' };

function PlanForm({ orderId, finding }: { orderId: string; finding: OrderFinding }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState(emptyPlan);
  const submit = useCommand({
    scope: `plan:${orderId}:${finding.id}`,
    send: (body: typeof emptyPlan) =>
      unwrap(
        api.POST('/rectifications/{id}/findings/{findingId}/plan', {
          params: { path: { id: orderId, findingId: finding.id } },
          body,
        }),
      ),
    invalidates: [['rectification', orderId]],
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate(plan);
  };
  const field = (name: keyof typeof emptyPlan, multiline = true) => (
    <Field name={name} label={t(`party.plan.${name}`)} error={submit.error}>
      {name === 'completionDate' ? (
        <input type="date" value={plan[name]} onChange={(e) => setPlan({ ...plan, [name]: e.target.value })} />
      ) : multiline ? (
        <textarea rows={2} value={plan[name]} onChange={(e) => setPlan({ ...plan, [name]: e.target.value })} />
      ) : (
        <input value={plan[name]} onChange={(e) => setPlan({ ...plan, [name]: e.target.value })} />
      )}
    </Field>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label={t('party.plan.for', { id: finding.id })}>
      <h3 className="card-title">{t('party.plan.for', { id: finding.id })}</h3>
      {finding.problem && <p>{finding.problem}</p>}
      {field('affected')}
      {field('changes')}
      {field('responsible', false)}
      {field('monitoring')}
      {field('completionDate')}
      <ProblemAlert error={submit.error} />
      <button type="submit" disabled={submit.isPending}>
        {t('party.plan.submit')}
      </button>
    </form>
  );
}
