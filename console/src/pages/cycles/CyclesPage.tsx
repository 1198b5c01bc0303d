import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { SchedulePanel } from './SchedulePanel';
import './cycles.css';

/** The half-year a new cycle most likely covers: the current one (Asia/Shanghai calendar). */
function currentHalf(now = new Date()): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .split('-')
    .map(Number);
  return `${year}-H${(month ?? 1) <= 6 ? 1 : 2}`;
}

/** A regulator's evaluation cycles, region by region: the list, launching one, and the automatic schedule. */
export function CyclesPage() {
  const { t } = useTranslation();
  usePageTitle(t('cycles.title'));
  const [params, setParams] = useSearchParams();
  const regions = useQuery({ queryKey: ['regions'], queryFn: () => unwrap(api.GET('/regions')) });
  const codes = (regions.data?.items ?? []).map((r) => r.code);
  const code = params.get('region') ?? codes[0];
  return (
    <section aria-labelledby="cycles-heading" className="cycles">
      <h1 id="cycles-heading">{t('cycles.title')}</h1>
      {regions.isPending && <Loading />}
      <ProblemAlert error={regions.error} />
      {codes.length > 1 && (
        <div className="field">
          <label htmlFor="cycles-region">{t('cycles.region')}</label>
          <select id="cycles-region" value={code} onChange={(e) => setParams({ region: e.target.value })}>
            {(regions.data?.items ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name} ({r.code})
              </option>
            ))}
          </select>
        </div>
      )}
      {regions.data && codes.length === 0 && <p>{t('cycles.noRegions')}</p>}
      {code && (
        <>
          <CycleList code={code} />
          <LaunchForm key={code} code={code} />
          <SchedulePanel code={code} />
        </>
      )}
    </section>
  );
}

function CycleList({ code }: { code: string }) {
  const { t } = useTranslation();
  const cycles = useQuery({
    queryKey: ['cycles', code],
    queryFn: () => unwrap(api.GET('/regions/{code}/evaluation-cycles', { params: { path: { code } } })),
  });
  return (
    <section aria-labelledby="cycle-list-heading">
      <h2 id="cycle-list-heading">{t('cycles.listTitle', { region: code })}</h2>
      {cycles.isPending && <Loading />}
      <ProblemAlert error={cycles.error} />
      {cycles.data && cycles.data.items.length === 0 && <p>{t('cycles.none')}</p>}
      {cycles.data && cycles.data.items.length > 0 && (
        <div className="table-scroll">
          <table className="responsive-table">
            <caption>{t('cycles.listTitle', { region: code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cycles.half')}</th>
                <th scope="col">{t('cycles.status')}</th>
                <th scope="col">{t('cycles.deadline')}</th>
                <th scope="col">{t('cycles.gradedOf')}</th>
              </tr>
            </thead>
            <tbody>
              {cycles.data.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label={t('cycles.half')}>
                    <Link to={`/cycles/${c.id}`}>{c.half}</Link>
                  </th>
                  <td data-label={t('cycles.status')}>{t(`cycles.statuses.${c.status}`)}</td>
                  <td data-label={t('cycles.deadline')}>{c.deadline}</td>
                  <td data-label={t('cycles.gradedOf')}>
                    {c.progress.graded} / {c.progress.inScope}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function LaunchForm({ code }: { code: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [half, setHalf] = useState(currentHalf);
  const [deadline, setDeadline] = useState('');
  const launch = useCommand({
    scope: `cycle-launch:${code}`,
    send: (body: { regionCode: string; half: string; deadline?: string }) =>
      unwrap(api.POST('/evaluation-cycles', { body })),
    invalidates: [['cycles', code]],
    onSuccess: (cycle) => void navigate(`/cycles/${cycle.id}`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    launch.mutate({ regionCode: code, half: half.trim(), ...(deadline ? { deadline } : {}) });
  };
  return (
    <section aria-labelledby="launch-heading">
      <h2 id="launch-heading">{t('cycles.launch.title')}</h2>
      <form onSubmit={submit} noValidate className="cycles-form">
        <Field name="half" label={t('cycles.launch.half')} hint={t('cycles.launch.halfHint')} error={launch.error}>
          <input type="text" value={half} onChange={(e) => setHalf(e.target.value)} autoComplete="off" />
        </Field>
        <Field
          name="deadline"
          label={t('cycles.launch.deadline')}
          hint={t('cycles.launch.deadlineHint')}
          error={launch.error}
        >
          <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </Field>
        <ProblemAlert error={launch.error} />
        <button type="submit" className="primary" disabled={launch.isPending}>
          {t('cycles.launch.submit')}
        </button>
      </form>
    </section>
  );
}
