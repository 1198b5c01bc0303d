import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../i18n/format';
import './desk.css';

const previewable = (type: string) => type.startsWith('image/') || type === 'application/pdf';

/** One evidence file's address; inline asks for the sandboxed preview the API serves for images and PDFs. */
// api: GET /rectifications/{id}/evidence/files/{sha256}
export const evidenceFileUrl = (rectificationId: string, sha256: string, inline = false) =>
  `/rectifications/${rectificationId}/evidence/files/${sha256}${inline ? '?disposition=inline' : ''}`;

/** The evidence submitted on an order, newest first: each file to preview inline or download, each text. */
export function EvidenceFiles({ rectificationId }: { rectificationId: string }) {
  const { t } = useTranslation();
  const evidence = useQuery({
    queryKey: ['rectification', rectificationId, 'evidence'],
    queryFn: () => unwrap(api.GET('/rectifications/{id}/evidence', { params: { path: { id: rectificationId } } })),
  });
  const [open, setOpen] = useState<string | undefined>();
  const submissions = [...(evidence.data?.items ?? [])].reverse();
  return (
    <section aria-labelledby="desk-evidence-heading">
      <h2 id="desk-evidence-heading">{t('desk.evidence.title')}</h2>
      <ProblemAlert error={evidence.error} />
      {evidence.data && submissions.length === 0 && <p>{t('desk.evidence.none')}</p>}
      <ol className="timeline">
        {submissions.map((s) => (
          <li key={s.id}>
            <time dateTime={s.receivedAt}>{formatDateTime(s.receivedAt)}</time>
            {s.texts.map((x) => (
              <p key={x.findingId}>
                <strong>{x.findingId}</strong> {x.text}
              </p>
            ))}
            <ul>
              {s.files.map((f) => {
                const key = `${s.id}:${f.sha256}`;
                return (
                  <li key={key}>
                    {f.findingId && <strong>{f.findingId} </strong>}
                    {f.filename}{' '}
                    {previewable(f.contentType) && (
                      <button type="button" onClick={() => setOpen(open === key ? undefined : key)}>
                        {open === key ? t('desk.evidence.hide') : t('desk.evidence.preview')}
                      </button>
                    )}{' '}
                    <a href={evidenceFileUrl(rectificationId, f.sha256)} download={f.filename}>
                      {t('desk.evidence.download')}
                    </a>
                    {open === key &&
                      (f.contentType === 'application/pdf' ? (
                        <iframe
                          className="desk-preview"
                          title={f.filename}
                          src={evidenceFileUrl(rectificationId, f.sha256, true)}
                        />
                      ) : (
                        <img
                          className="desk-preview"
                          alt={t('desk.evidence.alt', { name: f.filename })}
                          src={evidenceFileUrl(rectificationId, f.sha256, true)}
                        />
                      ))}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
