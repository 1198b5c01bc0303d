import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { fromSaved, type TaskFilter, toSaved } from './tasks-filter';

/** Filters kept on the server: one's own, and those shared by users of the same role and scope. */
export function SavedFilters({ filter, onApply }: { filter: TaskFilter; onApply: (f: TaskFilter) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [copied, setCopied] = useState(false);
  const saved = useQuery({ queryKey: ['me', 'task-filters'], queryFn: () => unwrap(api.GET('/me/task-filters')) });
  const refresh = () => client.invalidateQueries({ queryKey: ['me', 'task-filters'] });
  const save = useMutation({
    mutationFn: () => unwrap(api.POST('/me/task-filters', { body: { name, filter: toSaved(filter), shared } })),
    onSuccess: async () => {
      setName('');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/me/task-filters/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) save.mutate();
  };
  const copyLink = async () => {
    await navigator.clipboard.writeText(window.location.href);
    setCopied(true);
  };

  return (
    <section aria-labelledby="saved-filters-heading" className="saved-filters">
      <h2 id="saved-filters-heading">{t('filters.title')}</h2>
      {saved.data && saved.data.items.length > 0 ? (
        <ul className="chips">
          {saved.data.items.map((f) => (
            <li key={f.id}>
              <button type="button" onClick={() => onApply(fromSaved(f.filter))}>
                {f.name}
                {f.shared && ` (${f.mine ? t('filters.shared') : t('filters.sharedBy', { name: f.ownerName })})`}
              </button>
              {f.mine && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('filters.delete', { name: f.name })}
                  onClick={() => remove.mutate(f.id)}
                >
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('filters.none')}</p>
      )}
      <details>
        <summary>{t('filters.saveOrShare')}</summary>
        <form className="inline-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="filter-name">{t('filters.name')}</label>
            <input id="filter-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field checkbox">
            <input id="filter-shared" type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            <label htmlFor="filter-shared">{t('filters.shareWithRole')}</label>
          </div>
          <button type="submit" disabled={!name.trim() || save.isPending}>
            {t('filters.save')}
          </button>
          <button type="button" onClick={() => void copyLink()}>
            {t('filters.copyLink')}
          </button>
          {copied && <span role="status">{t('filters.copied')}</span>}
        </form>
      </details>
      <ProblemAlert error={saved.error ?? save.error ?? remove.error} />
    </section>
  );
}
