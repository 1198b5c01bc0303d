import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';

/** The region's automatic evaluation cycles (a Temporal Schedule): put it in place, pause it or resume it. */
export function SchedulePanel({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const key = ['evaluation-schedule', code];
  const schedule = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/regions/{code}/evaluation-schedule', { params: { path: { code } } })),
    retry: false,
  });
  const missing = schedule.error instanceof ApiProblem && schedule.error.status === 404;
  const put = useCommand({
    scope: `schedule-put:${code}`,
    send: () => unwrap(api.PUT('/regions/{code}/evaluation-schedule', { params: { path: { code } } })),
    invalidates: [key],
  });
  const pause = useCommand({
    scope: `schedule-pause:${code}`,
    send: (body: { note?: string }) =>
      unwrap(api.POST('/regions/{code}/evaluation-schedule/pause', { params: { path: { code } }, body })),
    invalidates: [key],
    onSuccess: () => setNote(''),
  });
  const resume = useCommand({
    scope: `schedule-resume:${code}`,
    send: (body: { note?: string }) =>
      unwrap(api.POST('/regions/{code}/evaluation-schedule/resume', { params: { path: { code } }, body })),
    invalidates: [key],
    onSuccess: () => setNote(''),
  });
  const s = schedule.data;
  const command = s?.paused ? resume : pause;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    command.mutate(note.trim() ? { note: note.trim() } : {});
  };
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });
  return (
    <section aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">{t('cycles.schedule.title')}</h2>
      {schedule.isPending && <Loading />}
      {!missing && <ProblemAlert error={schedule.error} />}
      {missing && (
        <>
          <p>{t('cycles.schedule.none')}</p>
          <ProblemAlert error={put.error} />
          <button type="button" onClick={() => put.mutate(undefined)} disabled={put.isPending}>
            {t('cycles.schedule.put')}
          </button>
        </>
      )}
      {s && (
        <>
          <p className="schedule-state" data-testid="schedule-state">
            {s.paused ? t('cycles.schedule.paused') : t('cycles.schedule.active')}
          </p>
          {s.paused && s.note && <p className="hint">{t('cycles.schedule.lastNote', { note: s.note })}</p>}
          {!s.paused && s.nextLaunches.length > 0 && (
            <>
              <h3>{t('cycles.schedule.next')}</h3>
              <ul>
                {s.nextLaunches.map((at) => (
                  <li key={at}>
                    <time dateTime={at}>{format.format(new Date(at))}</time>
                  </li>
                ))}
              </ul>
            </>
          )}
          <form onSubmit={submit} noValidate className="cycles-form">
            <Field name="note" label={t('cycles.schedule.note')} error={command.error}>
              <input type="text" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </Field>
            <ProblemAlert error={command.error} />
            <button type="submit" disabled={command.isPending}>
              {s.paused ? t('cycles.schedule.resume') : t('cycles.schedule.pause')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
