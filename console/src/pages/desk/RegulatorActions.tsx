import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useInstitutionNames } from '../../components/useNames';
import { formatDateTime } from '../../i18n/format';
import { useSession } from '../../session/session';
import type { RectificationView } from '../rectification/rectification-view';
import { type DeskFinding, type DeskOrder, deskOrderOf, extensionsLeft } from './desk-order';
import { EvidenceFiles } from './EvidenceFiles';
import './desk.css';

type Review = 'accepted' | 'rejected';

/** What a regulator decides on an order: reviews, extension, revocation, reinstatement (rectification desk). */
export function RegulatorActions(props: { order: RectificationView }) {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  if (role !== 'regulator' && role !== 'admin') return null;
  const order = deskOrderOf(props.order);
  return (
    <>
      <EvidenceFiles rectificationId={order.id} />
      {order.itemized ? <FindingReviews order={order} /> : <WholeOrderReview order={order} />}
      {order.step === 'awaiting-evidence' &&
        (extensionsLeft(order) > 0 ? (
          <ExtensionForm order={order} />
        ) : (
          <p>{t('desk.extension.noneLeft', { count: order.extensions ?? 0 })}</p>
        ))}
      {order.step === 'notice-of-revocation' && <RevocationDecision order={order} />}
      {order.revocationDecision?.decision === 'confirm' && <Reinstatement order={order} />}
    </>
  );
}

function ReviewChoice(props: { name: string; value: Review; onChange: (r: Review) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('desk.review.decision')}</legend>
      {(['accepted', 'rejected'] as const).map((d) => (
        <div className="field checkbox" key={d}>
          <input
            type="radio"
            id={`${props.name}-${d}`}
            name={props.name}
            checked={props.value === d}
            onChange={() => props.onChange(d)}
          />
          <label htmlFor={`${props.name}-${d}`}>{t(`desk.review.decisions.${d}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Per finding: its review history, and accept/reject with reasons while its evidence awaits review. */
function FindingReviews({ order }: { order: DeskOrder }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="desk-findings-heading">
      <h2 id="desk-findings-heading">{t('desk.review.findingsTitle')}</h2>
      <ol className="desk-findings">
        {order.findings.map((f) => (
          <li key={f.id} data-finding={f.id}>
            <h3>
              {f.id} {f.indicator}
            </h3>
            <p>{f.problem}</p>
            <p>
              {t('desk.review.state')}:{' '}
              <span className="badge">{t(`desk.findingStates.${f.state ?? 'awaiting-plan'}`)}</span>
            </p>
            {(f.reviews ?? []).length > 0 && (
              <ul>
                {f.reviews!.map((r, i) => (
                  <li key={i}>
                    {t(`desk.review.decisions.${r.decision}`)}: {r.reasons}
                  </li>
                ))}
              </ul>
            )}
            {f.state === 'evidence-under-review' && f.pendingSubmissionId && (
              <FindingReviewForm order={order} finding={f} submissionId={f.pendingSubmissionId} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function FindingReviewForm(props: { order: DeskOrder; finding: DeskFinding; submissionId: string }) {
  const { t } = useTranslation();
  const { order, finding } = props;
  const [decision, setDecision] = useState<Review>('accepted');
  const [reasons, setReasons] = useState('');
  const review = useCommand({
    scope: `finding-review:${order.id}:${finding.id}:${props.submissionId}`,
    send: (body: { submissionId: string; decision: Review; reasons: string }) =>
      unwrap(
        api.POST('/rectifications/{id}/findings/{findingId}/review', {
          params: { path: { id: order.id, findingId: finding.id } },
          body,
        }),
      ),
    invalidates: [['rectification', order.id]],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    review.mutate({ submissionId: props.submissionId, decision, reasons });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('desk.review.findingForm', { id: finding.id })}>
      <ReviewChoice name={`review-${finding.id}`} value={decision} onChange={setDecision} />
      <Field name="reasons" label={t('desk.review.reasons')} error={review.error}>
        <textarea rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
      </Field>
      <ProblemAlert error={review.error} />
      <button type="submit" className="primary" disabled={review.isPending}>
        {t('desk.review.submitFinding', { id: finding.id })}
      </button>
    </form>
  );
}

/** An order without itemized findings is reviewed as a whole: its latest submission, accepted or rejected. */
function WholeOrderReview({ order }: { order: DeskOrder }) {
  const { t } = useTranslation();
  const evidence = useQuery({
    queryKey: ['rectification', order.id, 'evidence'],
    queryFn: () => unwrap(api.GET('/rectifications/{id}/evidence', { params: { path: { id: order.id } } })),
    enabled: order.step === 'evidence-under-review',
  });
  const [decision, setDecision] = useState<Review>('accepted');
  const [reasons, setReasons] = useState('');
  const latest = evidence.data?.items.at(-1);
  const review = useCommand({
    scope: `review:${order.id}:${latest?.id ?? ''}`,
    send: (body: { submissionId: string; decision: Review; reasons: string }) =>
      unwrap(api.POST('/rectifications/{id}/reviews', { params: { path: { id: order.id } }, body })),
    invalidates: [['rectification', order.id]],
  });
  if (order.step !== 'evidence-under-review' || !latest) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    review.mutate({ submissionId: latest.id, decision, reasons });
  };
  return (
    <section aria-labelledby="desk-review-heading">
      <h2 id="desk-review-heading">{t('desk.review.wholeTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <ReviewChoice name="review-order" value={decision} onChange={setDecision} />
        <Field name="reasons" label={t('desk.review.reasons')} error={review.error}>
          <textarea rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
        </Field>
        <ProblemAlert error={review.error} />
        <button type="submit" className="primary" disabled={review.isPending}>
          {t('desk.review.submitWhole')}
        </button>
      </form>
    </section>
  );
}

function ExtensionForm({ order }: { order: DeskOrder }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const extend = useCommand({
    scope: `extension:${order.id}:${order.deadline}`,
    send: (body: { reason: string }) =>
      unwrap(api.POST('/rectifications/{id}/extension', { params: { path: { id: order.id } }, body })),
    invalidates: [['rectification', order.id]],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    extend.mutate({ reason });
  };
  return (
    <section aria-labelledby="desk-extension-heading">
      <h2 id="desk-extension-heading">{t('desk.extension.title')}</h2>
      <p>{t('desk.extension.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Field name="reason" label={t('desk.extension.reason')} error={extend.error}>
          <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <ProblemAlert error={extend.error} />
        <button type="submit" disabled={extend.isPending}>
          {t('desk.extension.submit')}
        </button>
      </form>
    </section>
  );
}

/** The decision on the intended revocation, with each party's representations beside it to consider. */
function RevocationDecision({ order }: { order: DeskOrder }) {
  const { t } = useTranslation();
  const { nameOf } = useInstitutionNames();
  const representations = useQuery({
    queryKey: ['rectification', order.id, 'representations'],
    queryFn: () => unwrap(api.GET('/rectifications/{id}/representations', { params: { path: { id: order.id } } })),
  });
  const [decision, setDecision] = useState<'confirm' | 'withdraw'>('confirm');
  const [reasons, setReasons] = useState('');
  const [considerations, setConsiderations] = useState<Record<string, string>>({});
  const decide = useCommand({
    scope: `revocation-decision:${order.id}`,
    send: (body: {
      decision: 'confirm' | 'withdraw';
      reasons: string;
      considerations: { representationId: string; consideration: string }[];
    }) => unwrap(api.POST('/rectifications/{id}/revocation-decision', { params: { path: { id: order.id } }, body })),
    invalidates: [['rectification', order.id]],
  });
  const filed = (representations.data?.items ?? []).filter((r) => r.kind === 'filed');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate({
      decision,
      reasons,
      considerations: filed.map((r) => ({ representationId: r.id, consideration: considerations[r.id] ?? '' })),
    });
  };
  return (
    <section aria-labelledby="desk-revocation-heading">
      <h2 id="desk-revocation-heading">{t('desk.revocation.title')}</h2>
      <div className="desk-decision">
        <div>
          <h3>{t('desk.revocation.representations')}</h3>
          <ProblemAlert error={representations.error} />
          {representations.data?.items.length === 0 && <p>{t('desk.revocation.noRepresentations')}</p>}
          <ul className="desk-representations">
            {(representations.data?.items ?? []).map((r) => (
              <li key={r.id} data-representation={r.id}>
                <strong>{nameOf(r.institutionId)}</strong>{' '}
                <time dateTime={r.receivedAt}>{formatDateTime(r.receivedAt)}</time>{' '}
                <span className="badge">{t(`desk.revocation.kinds.${r.kind}`)}</span>
                {r.text && <p>{r.text}</p>}
                {r.files.length > 0 && (
                  <ul>
                    {r.files.map((f) => (
                      <li key={f.sha256}>{f.filename}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>{t('desk.revocation.decision')}</legend>
            {(['confirm', 'withdraw'] as const).map((d) => (
              <div className="field checkbox" key={d}>
                <input
                  type="radio"
                  id={`revocation-${d}`}
                  name="revocation-decision"
                  checked={decision === d}
                  onChange={() => setDecision(d)}
                />
                <label htmlFor={`revocation-${d}`}>{t(`desk.revocation.decisions.${d}`)}</label>
              </div>
            ))}
          </fieldset>
          {filed.map((r, i) => (
            <Field
              key={r.id}
              name={`considerations.${i}.consideration`}
              label={t('desk.revocation.consideration', { name: nameOf(r.institutionId) })}
              error={decide.error}
            >
              <textarea
                rows={2}
                value={considerations[r.id] ?? ''}
                onChange={(e) => setConsiderations({ ...considerations, [r.id]: e.target.value })}
              />
            </Field>
          ))}
          <Field name="reasons" label={t('desk.revocation.reasons')} error={decide.error}>
            <textarea rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
          </Field>
          <ProblemAlert error={decide.error} />
          <button type="submit" className="primary" disabled={decide.isPending}>
            {t('desk.revocation.submit')}
          </button>
        </form>
      </div>
    </section>
  );
}

/** After a confirmed revocation: the decision, and reinstating each revoked institution with a reason. */
function Reinstatement({ order }: { order: DeskOrder }) {
  const { t } = useTranslation();
  const { nameOf } = useInstitutionNames();
  const decision = order.revocationDecision!;
  return (
    <section aria-labelledby="desk-reinstatement-heading">
      <h2 id="desk-reinstatement-heading">{t('desk.reinstatement.title')}</h2>
      <p>{t('desk.reinstatement.decided', { reasons: decision.reasons })}</p>
      {(decision.institutionIds ?? []).map((id) => (
        <ReinstatementForm key={id} order={order} institutionId={id} name={nameOf(id)} />
      ))}
    </section>
  );
}

function ReinstatementForm(props: { order: DeskOrder; institutionId: string; name: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const reinstate = useCommand({
    scope: `reinstatement:${props.institutionId}:${props.order.regionCode}`,
    send: (body: { regionCode: string; reason: string }) =>
      unwrap(api.POST('/institutions/{id}/reinstatement', { params: { path: { id: props.institutionId } }, body })),
    invalidates: [['rectification', props.order.id]],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reinstate.mutate({ regionCode: props.order.regionCode, reason });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('desk.reinstatement.form', { name: props.name })}>
      <Field name="reason" label={t('desk.reinstatement.reason', { name: props.name })} error={reinstate.error}>
        <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ProblemAlert error={reinstate.error} />
      {reinstate.isSuccess ? (
        <p role="status">{t('desk.reinstatement.done', { name: props.name })}</p>
      ) : (
        <button type="submit" disabled={reinstate.isPending}>
          {t('desk.reinstatement.submit', { name: props.name })}
        </button>
      )}
    </form>
  );
}
