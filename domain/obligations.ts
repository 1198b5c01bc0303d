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
import { PolicyClock, policyNow } from './clock';
import type { Policy } from './policy';
import { addWorkingDays } from './working-days';

export type Obligation = 'visit' | 'meeting' | 'survey';

/**
 * The calendar period each obligation is measured over (000_… §3.2: monthly visits, quarterly meetings, annual survey).
 */
export function periodKindOf(obligation: Obligation, policy: Pick<Policy, 'obligations'>): PeriodKind {
  if (obligation === 'visit') return 'month';
  if (obligation === 'meeting') return policy.obligations.meetingPeriod;
  return policy.obligations.surveyPeriod;
}

export function requiredPerPeriod(obligation: Obligation, policy: Pick<Policy, 'obligations'>): number {
  return obligation === 'visit' ? policy.obligations.visitsPerMonth : 1;
}

export function reminderLeadDays(obligation: Obligation, policy: Pick<Policy, 'obligations'>): number {
  return policy.obligations.reminderLeadDays[obligation];
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
