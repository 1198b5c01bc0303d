import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatBytes } from './party-order';
import './party.css';
import { evidenceFileUrl } from '../desk/EvidenceFiles';

/** The evidence submitted on the order, each file to download, and the receipt. */
export function EvidenceList({ orderId }: { orderId: string }) {
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
