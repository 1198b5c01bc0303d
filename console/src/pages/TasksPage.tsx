import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { StateBadge } from '../components/Badges';
import { Loading } from '../components/Loading';
import { Pagination } from '../components/Pagination';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePageTitle } from '../components/usePageTitle';
import { useContractChoices } from '../components/useNames';
import { daysFromToday, formatDate } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { SavedFilters } from './SavedFilters';
import {
  filterFromSearch,
  queryFromFilter,
  searchFromFilter,
  type TaskFilter,
  taskKinds,
  taskStates,
} from './tasks-filter';

const PAGE_SIZE = 20;

/** Links inside the console go through the router; anything else is a plain link. */
function TaskLink({ link, children }: { link: string; children: string }) {
  return link.startsWith('/console/') ? (
    <Link to={link.slice('/console'.length)}>{children}</Link>
  ) : (
    <a href={link}>{children}</a>
  );
}

/** A saved filter may hold several kinds or states: the select then shows them together as one choice. */
const SEVERAL = 'several';
const selected = (values: readonly string[]) => (values.length > 1 ? SEVERAL : (values[0] ?? ''));
const chosen = <T extends string>(values: readonly T[], value: string): T[] => values.filter((v) => v === value);

function FilterForm({ filter, onChange }: { filter: TaskFilter; onChange: (f: TaskFilter) => void }) {
  const { t } = useTranslation();
  const contracts = useContractChoices();
  return (
    <form className="filters" aria-label={t('tasks.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="task-kind">{t('tasks.kind')}</label>
        <select
          id="task-kind"
          value={selected(filter.kinds)}
          onChange={(e) => onChange({ ...filter, kinds: chosen(taskKinds, e.target.value) })}
        >
          <option value="">{t('common.all')}</option>
          {filter.kinds.length > 1 && (
            <option value={SEVERAL}>{filter.kinds.map((k) => t(`tasks.kinds.${k}`)).join('、')}</option>
          )}
          {taskKinds.map((k) => (
            <option key={k} value={k}>
              {t(`tasks.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="task-state">{t('tasks.state')}</label>
        <select
          id="task-state"
          value={selected(filter.states)}
          onChange={(e) => onChange({ ...filter, states: chosen(taskStates, e.target.value) })}
        >
          <option value="">{t('common.all')}</option>
          {filter.states.length > 1 && (
            <option value={SEVERAL}>{filter.states.map((k) => t(`tasks.states.${k}`)).join('、')}</option>
          )}
          {taskStates.map((s) => (
            <option key={s} value={s}>
              {t(`tasks.states.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="task-contract">{t('tasks.contract')}</label>
        <select
          id="task-contract"
          value={filter.contractId ?? ''}
          onChange={(e) => onChange({ ...filter, contractId: e.target.value || undefined })}
        >
          <option value="">{t('common.all')}</option>
          {contracts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

function DueText({ dueDate }: { dueDate: string }) {
  const { t } = useTranslation();
  const days = daysFromToday(dueDate);
  if (days < 0) return <>{t('tasks.overdueBy', { count: -days })}</>;
  if (days === 0) return <>{t('tasks.dueToday')}</>;
  return <>{t('tasks.dueIn', { count: days })}</>;
}

export function TasksPage() {
  const { t } = useTranslation();
  usePageTitle(t('tasks.title'));
  const [search, setSearch] = useSearchParams();
  const filter = filterFromSearch(search);
  const page = Math.max(1, Number(search.get('page')) || 1);
  const tasks = useQuery({
    queryKey: ['me', 'tasks', filter, page],
    queryFn: () =>
      unwrap(api.GET('/me/tasks', { params: { query: { ...queryFromFilter(filter), page, pageSize: PAGE_SIZE } } })),
  });
  const language = currentLanguage();
  const apply = (next: TaskFilter) => setSearch(searchFromFilter(next));

  return (
    <section aria-labelledby="tasks-heading">
      <h1 id="tasks-heading">{t('tasks.title')}</h1>
      <p>{t('tasks.intro')}</p>
      <FilterForm filter={filter} onChange={apply} />
      <SavedFilters filter={filter} onApply={apply} />
      <ProblemAlert error={tasks.error} />
      {tasks.isPending && <Loading />}
      {tasks.data && (
        <>
          <p role="status">{t('tasks.count', { count: tasks.data.total })}</p>
          <ul className="card-list" aria-labelledby="tasks-heading">
            {tasks.data.items.map((task) => (
              <li key={task.id} className={`card task task-${task.state}`}>
                <div className="card-head">
                  <h2 className="card-title">
                    <TaskLink link={task.link}>{task.subject}</TaskLink>
                  </h2>
                  <StateBadge state={task.state} />
                </div>
                <dl className="facts">
                  <dt>{t('tasks.kind')}</dt>
                  <dd>{t(`tasks.kinds.${task.kind}`)}</dd>
                  <dt>{t('tasks.due')}</dt>
                  <dd>
                    <time dateTime={task.dueAt}>{formatDate(task.dueDate)}</time> (<DueText dueDate={task.dueDate} />)
                  </dd>
                  <dt>{t('tasks.ifMissed')}</dt>
                  <dd>
                    {task.consequence.description[language]}
                    {/* The API's sentence usually names the day already; otherwise it is added here. */}
                    {!task.consequence.description[language].includes(task.consequence.on) &&
                      ` (${t('tasks.consequenceOn', { date: formatDate(task.consequence.on) })})`}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
          {tasks.data.items.length === 0 && <p>{t('tasks.none')}</p>}
          <Pagination
            page={page}
            total={tasks.data.total}
            pageSize={tasks.data.pageSize}
            onPage={(p) => setSearch(searchFromFilter(filter, p))}
          />
        </>
      )}
    </section>
  );
}
