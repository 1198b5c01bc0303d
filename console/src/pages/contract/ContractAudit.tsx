import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../i18n/format';

/** The contract's append-only, hash-chained audit trail, oldest first, a page at a time. */
export function ContractAudit({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const audit = useInfiniteQuery({
    queryKey: ['contract', contractId, 'audit'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/contracts/{id}/audit', {
          params: { path: { id: contractId }, query: { limit: 50, ...(pageParam ? { after: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextAfter,
  });
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('audit.title')}</h2>
      <ProblemAlert error={audit.error} />
      {audit.isPending && <Loading />}
      <ol className="timeline audit">
        {entries.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> <strong>{e.action}</strong>{' '}
            <span>{t('audit.by', { actor: e.actor })}</span>
            <details>
              <summary>{t('audit.details')}</summary>
              <pre>{JSON.stringify(e.details, null, 2)}</pre>
              <p className="hash">
                {t('audit.hash')}: <code>{e.hash}</code>
              </p>
            </details>
          </li>
        ))}
      </ol>
      {audit.hasNextPage && (
        <button type="button" disabled={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
