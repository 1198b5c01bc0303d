import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { RectificationView } from '../rectification/rectification-view';
import { dayAfter, type OrderDeadline, partyOrder } from './party-order';
import './party.css';

/** The order as everyone reads it: enforcement clock, findings and their state, history. */
export function RectificationOverview(props: { order: RectificationView }) {
  const { t } = useTranslation();
  const order = partyOrder(props.order);
  const evidenceDeadline = order.deadline;
  const open = ['issued', 'awaiting-evidence', 'evidence-under-review'].includes(order.step);
  return (
    <>
      <section aria-labelledby="party-clock-heading" className="party-panel party-clock">
        <h2 id="party-clock-heading">{t('party.clock.title')}</h2>
        <p>
          {t('party.clock.step')}: <strong>{t(`party.steps.${order.step}`, { defaultValue: order.step })}</strong>
        </p>
        {open && (
          <p className="party-clock-headline" data-testid="party-clock-headline">
            {t('party.clock.headline', { d1: evidenceDeadline, d2: dayAfter(evidenceDeadline) })}
          </p>
        )}
        <p>
          {t('party.clock.next')}:{' '}
          {order.next
            ? t(`party.next.${order.next.case}`, { ...order.next, defaultValue: order.whatHappensNext })
            : order.whatHappensNext}
        </p>
        <ul className="party-list">
          {order.deadlines.map((d) => (
            <DeadlineCard key={d.kind} deadline={d} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="party-findings-heading" className="party-panel">
        <h2 id="party-findings-heading">{t('party.findings.title')}</h2>
        <ul className="party-list">
          {order.findings.map((f) => (
            <li key={f.id} className="card">
              <h3 className="card-title">
                {f.id} {f.indicator}
              </h3>
              {f.problem && <p>{f.problem}</p>}
              {f.requiredCorrection && (
                <p>
                  {t('party.findings.required')}: {f.requiredCorrection}
                </p>
              )}
              {f.responsibleSide && (
                <p>
                  {t('party.findings.responsible')}: {t(`party.sides.${f.responsibleSide}`)}
                </p>
              )}
              {f.state && (
                <p>
                  {t('party.findings.state')}: {t(`party.findingStates.${f.state}`, { defaultValue: f.state })}
                </p>
              )}
              {f.plan && <p>{t('party.findings.planned', { date: f.plan.completionDate, who: f.plan.responsible })}</p>}
              {(f.reviews ?? []).map((r) => (
                <p key={r.reviewedAt}>
                  {t(`party.history.${r.decision}`, { defaultValue: r.decision })} ({r.reviewedAt.slice(0, 10)}):{' '}
                  {r.reasons}
                </p>
              ))}
            </li>
          ))}
        </ul>
      </section>

      <History orderId={order.id} reviews={order.reviews} />
    </>
  );
}

function DeadlineCard({ deadline: d }: { deadline: OrderDeadline }) {
  const { t } = useTranslation();
  const from = d.computedFrom;
  const start = from.start ?? from.sentAt ?? undefined;
  return (
    <li className="card">
      <h3 className="card-title">
        {t(`party.clock.kinds.${d.kind}`, { defaultValue: d.what })}: {d.date}
      </h3>
      <dl className="party-facts">
        {start && (
          <>
            <dt>{from.start ? t('party.clock.issuedOn') : t('party.clock.sentAt')}</dt>
            <dd>{start.slice(0, 10)}</dd>
          </>
        )}
        {from.policyDays !== undefined && (
          <>
            <dt>{t('party.clock.policyDays')}</dt>
            <dd>{t('party.clock.days', { n: from.policyDays })}</dd>
          </>
        )}
        {from.originalDeadline && from.originalDeadline !== d.date && (
          <>
            <dt>{t('party.clock.original')}</dt>
            <dd>{from.originalDeadline}</dd>
          </>
        )}
        {from.extensions && (
          <>
            <dt>{t('party.clock.extension')}</dt>
            <dd>
              {from.extensions.length === 0
                ? t('party.clock.noExtension', { allowed: from.extensionsAllowed ?? 0 })
                : from.extensions.map((e) => t('party.clock.extended', { days: e.days, reason: e.reason ?? '' }))}
            </dd>
          </>
        )}
        <dt>{t('party.clock.otherwise')}</dt>
        <dd>{t(`party.clock.otherwiseText.${d.kind}`, { date: d.otherwiseOn, defaultValue: d.otherwise })}</dd>
      </dl>
    </li>
  );
}

function History({
  orderId,
  reviews,
}: {
  orderId: string;
  reviews: { submissionId: string; decision: string; reasons: string; reviewedAt: string }[];
}) {
  const { t } = useTranslation();
  const evidence = useQuery({
    queryKey: ['rectification-evidence', orderId],
    queryFn: () => unwrap(api.GET('/rectifications/{id}/evidence', { params: { path: { id: orderId } } })),
  });
  const events = [
    ...(evidence.data?.items ?? []).map((s) => ({
      at: s.receivedAt,
      text: t('party.history.submitted', { files: s.files.length, texts: s.texts.length }),
    })),
    ...reviews.map((r) => ({
      at: r.reviewedAt,
      text: `${t(`party.history.${r.decision}`, { defaultValue: r.decision })}: ${r.reasons}`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section aria-labelledby="party-history-heading" className="party-panel">
      <h2 id="party-history-heading">{t('party.history.title')}</h2>
      <ProblemAlert error={evidence.error} />
      {events.length === 0 ? (
        <p>{t('party.history.none')}</p>
      ) : (
        <ol className="party-list">
          {events.map((e) => (
            <li key={`${e.at}-${e.text}`}>
              <time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 16)}</time> {e.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
