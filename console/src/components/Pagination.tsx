import { useTranslation } from 'react-i18next';

/** Previous/next with "page x of y" (y unknown when the API gives no total). */
export function Pagination(props: {
  page: number;
  total?: number;
  pageSize: number;
  hasNext?: boolean;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = props.total === undefined ? undefined : Math.max(1, Math.ceil(props.total / props.pageSize));
  const hasNext = pages === undefined ? Boolean(props.hasNext) : props.page < pages;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        {t('pagination.previous')}
      </button>
      <span aria-live="polite">
        {pages === undefined
          ? t('pagination.page', { page: props.page })
          : t('pagination.pageOf', { page: props.page, pages, total: props.total })}
      </span>
      <button type="button" disabled={!hasNext} onClick={() => props.onPage(props.page + 1)}>
        {t('pagination.next')}
      </button>
    </nav>
  );
}
