import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { formatDateTime } from '../i18n/format';
import { Loading } from './Loading';
import { ProblemAlert } from './ProblemAlert';

type Page = { after?: string; limit: number };

/** Each audited thing's trail: the same page of entries, from its own route. */
const trails = {
  contract: (id: string, query: Page) => api.GET('/contracts/{id}/audit', { params: { path: { id }, query } }),
  rectification: (id: string, query: Page) =>
    api.GET('/rectifications/{id}/audit', { params: { path: { id }, query } }),
  evaluation: (id: string, query: Page) => api.GET('/evaluations/{id}/audit', { params: { path: { id }, query } }),
  cycle: (id: string, query: Page) => api.GET('/evaluation-cycles/{id}/audit', { params: { path: { id }, query } }),
  institution: (id: string, query: Page) => api.GET('/institutions/{id}/audit', { params: { path: { id }, query } }),
  user: (id: string, query: Page) => api.GET('/users/{id}/audit', { params: { path: { id }, query } }),
  region: (code: string, query: Page) => api.GET('/regions/{code}/audit', { params: { path: { code }, query } }),
  evaluatorOrganization: (id: string, query: Page) =>
    api.GET('/evaluator-organizations/{id}/audit', { params: { path: { id }, query } }),
};
export type AuditSubject = keyof typeof trails;

/** The append-only, hash-chained audit trail of one thing, oldest first, a page at a time. */
export function AuditTrail({ subject, id }: { subject: AuditSubject; id: string }) {
  const { t } = useTranslation();
  const audit = useInfiniteQuery({
    queryKey: [subject, id, 'audit'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(trails[subject](id, { limit: 50, ...(pageParam ? { after: pageParam } : {}) })),
    getNextPageParam: (last) => last.nextAfter,
  });
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = `audit-heading-${subject}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('audit.title')}</h2>
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
