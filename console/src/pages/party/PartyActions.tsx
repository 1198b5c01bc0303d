import { type DragEvent, type FormEvent, useId, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSession } from '../../session/session';
import type { RectificationView } from '../rectification/rectification-view';
import { type EvidenceLimits, refusalOf, uploadEvidence } from './evidence-upload';
import { formatBytes, type OrderFinding, type PartyOrder, partyOrder } from './party-order';
import './party.css';

/** What a contracting party does on an order: plans, evidence, representations. */
export function PartyActions(props: { order: RectificationView }) {
  const me = useSession().data?.user;
  if (!me || (me.role !== 'party' && me.role !== 'liaison')) return null;
  const order = partyOrder(props.order);
  return <ForParty order={order} institutionId={me.institutionId} isParty={me.role === 'party'} />;
}

function ForParty({ order, institutionId, isParty }: { order: PartyOrder; institutionId?: string; isParty: boolean }) {
  const contract = useQuery({
    queryKey: ['contract', order.contractId],
    queryFn: () => unwrap(api.GET('/contracts/{id}', { params: { path: { id: order.contractId } } })),
  });
  const side =
    contract.data?.medicalInstitutionId === institutionId
      ? 'medical'
      : contract.data?.careInstitutionId === institutionId
        ? 'care'
        : undefined;
  // Each side plans the findings it answers for (issue 12): its own and the shared ones.
  const planning = order.itemized
    ? order.findings.filter(
        (f) => f.state === 'awaiting-plan' && side && (f.responsibleSide === side || f.responsibleSide === 'both'),
      )
    : [];
  return (
    <>
      {planning.length > 0 && <Plans order={order} findings={planning} />}
      {order.step === 'awaiting-evidence' && <EvidenceUpload order={order} />}
      <EvidenceList orderId={order.id} />
      {isParty && order.step === 'notice-of-revocation' && <Representations orderId={order.id} />}
    </>
  );
}

function Plans({ order, findings }: { order: PartyOrder; findings: OrderFinding[] }) {
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

interface Chosen {
  file: File;
  findingId: string;
  progress: number;
}

function EvidenceUpload({ order }: { order: PartyOrder }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const csrfToken = useSession().data?.csrfToken;
  const limits = useQuery({
    queryKey: ['evidence-limits', order.id],
    queryFn: () => unwrap(api.GET('/rectifications/{id}/evidence/limits', { params: { path: { id: order.id } } })),
  });
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [findingId, setFindingId] = useState('');
  const [dragging, setDragging] = useState(false);
  const findingSelectId = useId();
  const fileInputId = useId();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const key = useMemo(() => crypto.randomUUID(), []);

  const describeRefusal = (file: File, l: EvidenceLimits) => {
    const refusal = refusalOf(file, l);
    if (!refusal) return undefined;
    return refusal.reason === 'type'
      ? t('party.evidence.refusedType', {
          name: file.name,
          type: refusal.type || t('party.evidence.unknownType'),
          allowed: l.allowedTypes.join(', '),
        })
      : t('party.evidence.refusedSize', {
          name: file.name,
          size: formatBytes(refusal.size),
          max: formatBytes(l.maxFileBytes),
        });
  };
  const add = (files: FileList | null) => {
    if (!files || !limits.data) return;
    const l = limits.data;
    const reasons: string[] = [];
    const accepted: Chosen[] = [];
    for (const file of Array.from(files)) {
      const reason = describeRefusal(file, l);
      if (reason) reasons.push(reason);
      else accepted.push({ file, findingId, progress: 0 });
    }
    const next = [...chosen, ...accepted];
    if (next.length > l.maxFiles) {
      reasons.push(t('party.evidence.tooMany', { max: l.maxFiles }));
      next.splice(l.maxFiles);
    }
    setRefused(reasons);
    setChosen(next);
    setDone(false);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };
  const send = async () => {
    setSending(true);
    setError(undefined);
    try {
      // api: POST /rectifications/{id}/evidence
      await uploadEvidence({
        url: `/rectifications/${order.id}/evidence`,
        csrfToken,
        idempotencyKey: key,
        parts: chosen.map((c) => ({ name: c.findingId ? `file:${c.findingId}` : 'file', file: c.file })),
        onProgress: (perFile) => setChosen((now) => now.map((c, i) => ({ ...c, progress: perFile[i] ?? 0 }))),
      });
      setDone(true);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['rectification-evidence', order.id] }),
        queryClient.invalidateQueries({ queryKey: ['rectification', order.id] }),
      ]);
    } catch (e) {
      setError(e instanceof ApiProblem ? e : new ApiProblem(0, '/problems/network', 'network', String(e)));
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="party-evidence-heading" className="party-panel">
      <h2 id="party-evidence-heading">{t('party.evidence.title')}</h2>
      <ProblemAlert error={limits.error} />
      {limits.data && (
        <p>
          {t('party.evidence.limits', {
            types: limits.data.allowedTypes.join(', '),
            max: formatBytes(limits.data.maxFileBytes),
            files: limits.data.maxFiles,
          })}
        </p>
      )}
      {order.itemized && (
        <div className="field">
          <label htmlFor={findingSelectId}>{t('party.evidence.forFinding')}</label>
          <select id={findingSelectId} value={findingId} onChange={(e) => setFindingId(e.target.value)}>
            <option value="">{t('party.evidence.general')}</option>
            {order.findings.map((f) => (
              <option key={f.id} value={f.id}>
                {f.id} {f.indicator}
              </option>
            ))}
          </select>
        </div>
      )}
      <div
        className={`party-dropzone${dragging ? ' party-dropzone-active' : ''}`}
        data-testid="party-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{t('party.evidence.drop')}</p>
        <div className="field">
          <label htmlFor={fileInputId}>{t('party.evidence.choose')}</label>
          <input
            id={fileInputId}
            type="file"
            multiple
            disabled={!limits.data || sending}
            accept={limits.data?.allowedTypes.join(',')}
            onChange={(e) => {
              add(e.target.files);
              e.target.value = '';
            }}
          />
        </div>
      </div>
      {refused.length > 0 && (
        <ul className="alert alert-error party-refusals" role="alert">
          {refused.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {chosen.length > 0 && (
        <ul className="party-list">
          {chosen.map((c, i) => (
            <li key={`${c.file.name}-${i}`} className="party-file">
              <span className="party-file-name">
                {c.file.name} ({formatBytes(c.file.size)}){c.findingId && ` → ${c.findingId}`}
              </span>
              <progress
                max={100}
                value={Math.round(c.progress * 100)}
                aria-label={t('party.evidence.progress', { name: c.file.name })}
              />
              <span>{Math.round(c.progress * 100)}%</span>
            </li>
          ))}
        </ul>
      )}
      <ProblemAlert error={error} />
      {done ? (
        <p role="status">
          {t('party.evidence.received')}{' '}
          <Link to={`/rectifications/${order.id}/receipt`}>{t('party.receipt.open')}</Link>
        </p>
      ) : (
        <button type="button" onClick={() => void send()} disabled={chosen.length === 0 || sending}>
          {t('party.evidence.send')}
        </button>
      )}
    </section>
  );
}

export function evidenceFileUrl(orderId: string, sha256: string) {
  // api: GET /rectifications/{id}/evidence/files/{sha256}
  return `/rectifications/${orderId}/evidence/files/${sha256}`;
}

function EvidenceList({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const evidence = useQuery({
    queryKey: ['rectification-evidence', orderId],
    queryFn: () => unwrap(api.GET('/rectifications/{id}/evidence', { params: { path: { id: orderId } } })),
  });
  const items = evidence.data?.items ?? [];
  return (
    <section aria-labelledby="party-evidence-list-heading" className="party-panel">
      <h2 id="party-evidence-list-heading">{t('party.evidence.listTitle')}</h2>
      <ProblemAlert error={evidence.error} />
      {items.length === 0 ? (
        <p>{t('party.evidence.none')}</p>
      ) : (
        <>
          <ul className="party-list">
            {items.map((s) => (
              <li key={s.id} className="card">
                <p>{t('party.evidence.submittedAt', { at: s.receivedAt.replace('T', ' ').slice(0, 19) })}</p>
                <ul>
                  {s.files.map((f) => (
                    <li key={f.sha256}>
                      <a href={evidenceFileUrl(orderId, f.sha256)} download={f.filename}>
                        {f.filename}
                      </a>{' '}
                      ({formatBytes(f.size)})
                    </li>
                  ))}
                  {s.texts.map((x) => (
                    <li key={x.findingId}>
                      {x.findingId}: {x.text}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/rectifications/${orderId}/receipt`}>{t('party.receipt.open')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function Representations({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const csrfToken = useSession().data?.csrfToken;
  const list = useQuery({
    queryKey: ['representations', orderId],
    queryFn: () => unwrap(api.GET('/rectifications/{id}/representations', { params: { path: { id: orderId } } })),
  });
  const [text, setText] = useState('');
  const invalidates = [
    ['representations', orderId],
    ['rectification', orderId],
  ];
  const file = useCommand({
    scope: `representations:${orderId}`,
    send: async (body: { text: string }, idempotencyKey: string) => {
      const form = new FormData();
      form.append('text', body.text);
      // Multipart: the typed client sends JSON only.
      // api: POST /rectifications/{id}/representations
      const res = await fetch(`/rectifications/${orderId}/representations`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Idempotency-Key': idempotencyKey, ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
        body: form,
      });
      const answer: unknown = await res.json().catch(() => undefined);
      if (!res.ok) {
        const p = (answer ?? {}) as Record<string, string>;
        throw new ApiProblem(res.status, p.type ?? `/problems/http-${res.status}`, p.title ?? '', p.detail ?? '');
      }
      return answer;
    },
    invalidates,
    onSuccess: () => setText(''),
  });
  const waive = useCommand({
    scope: `representations-waiver:${orderId}`,
    send: (_: undefined, idempotencyKey: string) =>
      unwrap(
        api.POST('/rectifications/{id}/representations/waiver', {
          params: { path: { id: orderId }, header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    invalidates,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    file.mutate({ text });
  };
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="party-representations-heading" className="party-panel">
      <h2 id="party-representations-heading">{t('party.representations.title')}</h2>
      <ProblemAlert error={list.error} />
      {items.length === 0 ? (
        <p>{t('party.representations.none')}</p>
      ) : (
        <ul className="party-list">
          {items.map((r) => (
            <li key={r.id} className="card">
              <p>
                {t(`party.representations.kinds.${r.kind}`)} ·{' '}
                <time dateTime={r.receivedAt}>{r.receivedAt.replace('T', ' ').slice(0, 16)}</time>
              </p>
              {r.text && <p className="party-text">{r.text}</p>}
              {r.consideration && (
                <p>
                  {t('party.representations.consideration')}: {r.consideration}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <Field name="text" label={t('party.representations.text')} error={file.error}>
          <textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <ProblemAlert error={file.error} />
        <button type="submit" disabled={file.isPending || text.trim() === ''}>
          {t('party.representations.submit')}
        </button>
      </form>
      <ProblemAlert error={waive.error} />
      <button type="button" className="secondary" onClick={() => waive.mutate(undefined)} disabled={waive.isPending}>
        {t('party.representations.waive')}
      </button>
    </section>
  );
}
