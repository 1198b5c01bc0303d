import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatBytes } from './party-order';
import './party.css';

/** The receipt for an order's evidence: every file as received, with its SHA-256, to print or keep. */
export function ReceiptPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  usePageTitle(t('party.receipt.title'));
  const evidence = useQuery({
    queryKey: ['rectification-evidence', id],
    queryFn: () => unwrap(api.GET('/rectifications/{id}/evidence', { params: { path: { id } } })),
  });
  if (evidence.isPending) return <Loading />;
  const files = (evidence.data?.items ?? []).flatMap((s) =>
    s.files.map((f) => ({ ...f, receivedAt: s.receivedAt, submissionId: s.id })),
  );
  return (
    <article aria-labelledby="party-receipt-heading" className="party-receipt">
      <p className="party-no-print">
        <Link to={`/rectifications/${id}`}>{t('party.receipt.back')}</Link>
      </p>
      <h1 id="party-receipt-heading">{t('party.receipt.title')}</h1>
      <p>{t('party.receipt.order', { id })}</p>
      <ProblemAlert error={evidence.error} />
      {files.length === 0 ? (
        <p>{t('party.evidence.none')}</p>
      ) : (
        <div className="party-table-wrap">
          <table className="party-receipt-table">
            <caption>{t('party.receipt.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('party.receipt.name')}</th>
                <th scope="col">{t('party.receipt.size')}</th>
                <th scope="col">SHA-256</th>
                <th scope="col">{t('party.receipt.received')}</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={`${f.submissionId}-${f.sha256}`} data-sha256={f.sha256}>
                  <td>{f.filename}</td>
                  <td>
                    {formatBytes(f.size)} ({t('party.receipt.bytes', { n: f.size })})
                  </td>
                  <td>
                    <code className="party-sha">{f.sha256}</code>
                  </td>
                  <td>
                    <time dateTime={f.receivedAt}>{f.receivedAt}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="party-no-print">
        <button type="button" onClick={() => window.print()}>
          {t('party.receipt.print')}
        </button>
      </p>
    </article>
  );
}
