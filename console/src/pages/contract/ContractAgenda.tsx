import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi';
import { formatDate } from '../../i18n/format';

type Compliance = components['schemas']['Compliance'];
type Obligation = keyof Compliance['obligations'];
/*
 * Every obligation the API names; `satisfies Record<…>` fails the typecheck when the API adds one
 * (domain/obligations.ts obligationKinds), so none goes unlabelled.
 */
const obligationsShown = {
  visit: true,
  'monthly-meeting': true,
  meeting: true,
  reexam: true,
  'health-talk': true,
  survey: true,
  referral: true,
} satisfies Record<Obligation, true>;
const obligations = Object.keys(obligationsShown) as Obligation[];
const obligationPattern = obligations.join('|');

/** The engine's next deadlines arrive as English phrases (domain/contract-agenda.ts); the known shapes are translated. */
export function describeDeadline(what: string, t: TFunction): string {
  const due = new RegExp(`^(${obligationPattern}) (\\S+): (\\d+) required$`).exec(what);
  if (due)
    return t('agenda.periodDue', {
      obligation: t(`agenda.obligations.${due[1] as Obligation}`),
      period: due[2],
      required: due[3],
    });
  const reminder = new RegExp(`^reminder: (${obligationPattern}) (\\S+)$`).exec(what);
  if (reminder)
    return t('agenda.periodReminder', {
      obligation: t(`agenda.obligations.${reminder[1] as Obligation}`),
      period: reminder[2],
    });
  if (what === 'renewal reminder') return t('agenda.renewalReminder');
  if (what === 'term ends') return t('agenda.termEnds');
  return what;
}

/** Obligation periods met or missed, newest first, and what is due next. */
export function ContractAgenda({ compliance }: { compliance: Compliance }) {
  const { t } = useTranslation();
  const periods = obligations
    .flatMap((obligation) => compliance.obligations[obligation].periods.map((p) => ({ ...p, obligation })))
    .sort((a, b) => b.endDate.localeCompare(a.endDate) || a.obligation.localeCompare(b.obligation));
  return (
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('agenda.title')}</h2>
      <ul className="summary-row">
        {obligations.map((o) => (
          <li key={o}>
            {t('agenda.summary', {
              obligation: t(`agenda.obligations.${o}`),
              met: compliance.obligations[o].met,
              missed: compliance.obligations[o].missed,
            })}
          </li>
        ))}
      </ul>
      <h3>{t('agenda.upcoming')}</h3>
      {compliance.nextDeadlines.length === 0 && compliance.openRequests.length === 0 ? (
        <p>{t('agenda.noUpcoming')}</p>
      ) : (
        <ol className="timeline upcoming">
          {compliance.nextDeadlines.map((d, i) => (
            <li key={`d${i}`}>
              <time dateTime={d.dueDate}>{formatDate(d.dueDate)}</time> <span>{describeDeadline(d.what, t)}</span>
            </li>
          ))}
          {compliance.openRequests.map((r) => (
            <li key={r.id}>
              <time dateTime={r.answerDueDate}>{formatDate(r.answerDueDate)}</time>{' '}
              <span>{t('agenda.requestAnswerDue', { subject: r.subject })}</span>
            </li>
          ))}
          {compliance.openActionItems.map((a) => (
            <li key={a.id}>
              <time dateTime={a.dueDate}>{formatDate(a.dueDate)}</time>{' '}
              <span>{t('agenda.actionItemDue', { description: a.description, owner: a.ownerName })}</span>
            </li>
          ))}
        </ol>
      )}
      <h3>{t('agenda.periods')}</h3>
      {periods.length === 0 ? (
        <p>{t('agenda.noPeriods')}</p>
      ) : (
        <ol className="timeline">
          {periods.map((p) => (
            <li key={`${p.obligation}-${p.periodKey}`} className={p.met ? 'met' : 'missed'}>
              <span className={`badge ${p.met ? 'light-green' : 'light-red'}`}>
                <span aria-hidden="true">{p.met ? '✓ ' : '✕ '}</span>
                {p.met ? t('agenda.met') : t('agenda.missed')}
              </span>{' '}
              <strong>{t(`agenda.obligations.${p.obligation}`)}</strong> {formatDate(p.startDate)} –{' '}
              {formatDate(p.endDate)}: {t('agenda.actualOfRequired', { actual: p.actual, required: p.required })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
