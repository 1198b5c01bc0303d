import { type DragEvent, useId, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSession } from '../../session/session';
import { type EvidenceLimits, refusalOf, uploadEvidence } from './evidence-upload';
import { formatBytes, type PartyOrder } from './party-order';
import './party.css';

interface Chosen {
  file: File;
  findingId: string;
  progress: number;
}

/**
 * Evidence by drag and drop or file choice: refused before upload when the API's limits say so,
 * then sent as one submission with a progress bar per file.
 */
export function EvidenceUpload({ order }: { order: PartyOrder }) {
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
