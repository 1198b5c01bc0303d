import {
  addDays,
  compareLocalDates,
  LocalDate,
  nextPeriod,
  Period,
  periodContaining,
  PeriodKind,
  shanghaiDateOf,
} from './calendar';
import type { AgreedQuantities } from './agreement';
import { PolicyClock, policyNow } from './clock';
import type { Policy } from './policy';
import { addWorkingDays } from './working-days';

/**
 * Every obligation the engine tracks. The first three were tracked from the region's policy before
 * the agreement's own quantities were enforced (issue 12); the others exist only for an agreement.
 */
export const obligationKinds = [
  'visit',
  'meeting',
  'survey',
  'monthly-meeting',
  'reexam',
  'health-talk',
  'referral',
] as const;
export type Obligation = (typeof obligationKinds)[number];

/** What a contract tracked from its policy alone, before its agreement was enforced. */
export const policyObligations: readonly Obligation[] = ['visit', 'meeting', 'survey'];

/**
 * The calendar period each obligation is measured over (000_… §3.2: monthly visits, monthly and
 * quarterly meetings, annual survey; §3.1: re-examinations per quarter; health talks per year;
 * referral responses judged month by month). Without an agreement the meeting follows the policy.
 */
export function periodKindOf(
  obligation: Obligation,
  policy: Pick<Policy, 'obligations'>,
  agreed?: AgreedQuantities,
): PeriodKind {
  switch (obligation) {
    case 'visit':
    case 'monthly-meeting':
    case 'referral':
      return 'month';
    case 'meeting':
      return agreed ? 'quarter' : policy.obligations.meetingPeriod;
    case 'reexam':
      return 'quarter';
    case 'health-talk':
      return 'year';
    case 'survey':
      return policy.obligations.surveyPeriod;
  }
}

/**
 * How many facts a period requires: the agreement's number, or without one the policy's (visits)
 * and one (meeting, survey). A referral period requires every referral of the period to be
 * answered in the agreed minutes: its count is known only when it closes (1 here: it is tracked).
 */
export function requiredPerPeriod(
  obligation: Obligation,
  policy: Pick<Policy, 'obligations'>,
  agreed?: AgreedQuantities,
): number {
  if (!agreed) {
    if (obligation === 'visit') return policy.obligations.visitsPerMonth;
    return (policyObligations as readonly string[]).includes(obligation) ? 1 : 0;
  }
  const required: Record<Obligation, number> = {
    visit: agreed.homeVisitsPerMonth,
    meeting: agreed.quarterlyMeetings,
    survey: agreed.demandSurveysPerYear,
    'monthly-meeting': agreed.monthlyMeetings,
    reexam: agreed.chronicDiseaseReexamsPerQuarter,
    'health-talk': agreed.healthTalksPerYear,
    referral: 1,
  };
  return required[obligation];
}

/** Obligations a reminder makes sense for: a referral is an emergency, there is nothing to arrange ahead. */
export const remindable = (obligation: Obligation) => obligation !== 'referral';

/** Obligations someone must arrange ahead: tasks in the work queue. */
export type ArrangedObligation = Exclude<Obligation, 'referral'>;
export const arrangedObligations = obligationKinds.filter((o): o is ArrangedObligation => remindable(o));

/**
 * Lead time before a period's end: the policy's for visits, meetings and the survey; an obligation
 * added with the agreement takes the lead of the policy obligation measured over the same period.
 */
export function reminderLeadDays(obligation: Obligation, policy: Pick<Policy, 'obligations'>): number {
  const lead = policy.obligations.reminderLeadDays;
  switch (obligation) {
    case 'visit':
    case 'meeting':
    case 'survey':
      return lead[obligation];
    case 'monthly-meeting':
    case 'referral':
      return lead.visit;
    case 'reexam':
      return lead.meeting;
    case 'health-talk':
      return lead.survey;
  }
}

/** The contract's "today" in Asia/Shanghai, in policy time. */
export function policyToday(clock: PolicyClock, realNowMs: number): LocalDate {
  return shanghaiDateOf(policyNow(clock, realNowMs));
}

/**
 * The first period an obligation is measured over: the first whole period that starts on or
 * after the day obligations begin (a contract activated mid-month owes its first visit next month).
 */
export function firstTrackedPeriod(kind: PeriodKind, obligationsStart: LocalDate): Period {
  const containing = periodContaining(kind, obligationsStart);
  return containing.start === obligationsStart ? containing : nextPeriod(containing);
}

/** Whether a period lies wholly inside the term (a period cut off by the term's end is not owed). */
export function periodWithinTerm(period: Period, termEnd: LocalDate): boolean {
  return compareLocalDates(period.end, termEnd) <= 0;
}

/** The deadline to answer a request raised on `raisedDate`: N working days later (project default 10). */
export function requestAnswerDueDate(raisedDate: LocalDate, policy: Policy): LocalDate {
  return addWorkingDays(raisedDate, policy.obligations.requestAnswerWorkingDays, policy.workingDays);
}

/** The renewal reminder goes out this many days before the term's last day. */
export function renewalReminderDate(termEnd: LocalDate, policy: Policy): LocalDate {
  return addDays(termEnd, -policy.obligations.renewalReminderDays);
}

export interface Escalation {
  level: 'warning' | 'regulator-notice';
}

/** The escalation ladder (project default): 1st miss → warn both liaison officers; 2nd in a row → notify regulators. */
export function escalationFor(consecutiveMisses: number, policy: Pick<Policy, 'obligations'>): Escalation | undefined {
  const ladder = policy.obligations.escalation;
  if (consecutiveMisses >= ladder.notifyRegulatorAfterConsecutiveMisses) return { level: 'regulator-notice' };
  if (consecutiveMisses >= ladder.warnAfterMisses) return { level: 'warning' };
  return undefined;
}
