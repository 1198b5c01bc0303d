import {
  addDays,
  compareLocalDates,
  type LocalDate,
  type Period,
  periodContaining,
  type PeriodKind,
  shanghaiDateOf,
} from './calendar';
import { type PolicyClock, policyNow, realInstantOf } from './clock';
import { endOfDayMs } from './contract-agenda';
import type { AgreedQuantities } from './agreement';
import {
  escalationFor,
  firstTrackedPeriod,
  type Obligation,
  periodKindOf,
  reminderLeadDays,
  requiredPerPeriod,
} from './obligations';
import { approvalPolicyOf } from './contract-approval';
import { defaultPolicy, type Policy, revocationPolicyOf } from './policy';
import { renewalPolicyOf } from './renewal-proposal';

/** Every open human step the engine waits on, as the work queue (GET /me/tasks) names it. */
export const taskKinds = [
  'signature',
  'visit',
  'meeting',
  'survey',
  'monthly-meeting',
  'reexam',
  'health-talk',
  'request-answer',
  'action-item',
  'evaluation-score',
  'evidence',
  'evidence-review',
  'plan-of-correction',
  'finding-evidence',
  'finding-review',
  'extension-decision',
  'revocation-decision',
  'approval-decision',
  'renewal-countersign',
  'representations',
] as const;
export type TaskKind = (typeof taskKinds)[number];

export const taskStates = ['upcoming', 'due-soon', 'overdue'] as const;
export type TaskState = (typeof taskStates)[number];

const DAY_MS = 86_400_000;

/** The policy sections the work queue reads (deadlines, lead times, requirements, escalation ladder). */
export type QueuePolicy = Pick<
  Policy,
  'version' | 'timeScale' | 'signing' | 'obligations' | 'rectification' | 'approval' | 'renewal' | 'revocation'
> & {
  evaluation: Pick<Policy['evaluation'], 'reminderDaysBefore'>;
};

/** A task's deadline: the calendar date people read, and when the engine acts, in policy and in real time. */
export interface TaskDeadline {
  dueDate: LocalDate;
  /** The instant the engine acts on a missed step, in the contract's policy time. */
  policyDueMs: number;
  /** The same instant in real time (policy time may run faster: domain/clock.ts). */
  dueAtMs: number;
}

/**
 * The calendar steps a work queue repeats for many contracts with the same dates (today, due
 * dates, period bounds): memoized for the span of one request, so 500 contracts cost a few dozen.
 */
export function calendarMemo() {
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  return {
    endOfDayMs: (date: LocalDate) => memo(`end:${date}`, () => endOfDayMs(date)),
    dayAfter: (date: LocalDate) => memo(`after:${date}`, () => addDays(date, 1)),
    periodContaining: (kind: PeriodKind, date: LocalDate) =>
      memo(`in:${kind}:${date}`, () => periodContaining(kind, date)),
    firstTrackedPeriod: (kind: PeriodKind, start: LocalDate) =>
      memo(`first:${kind}:${start}`, () => firstTrackedPeriod(kind, start)),
    compare: (a: LocalDate, b: LocalDate) => memo(`cmp:${a}:${b}`, () => compareLocalDates(a, b)),
  };
}
export type CalendarMemo = ReturnType<typeof calendarMemo>;

/** An inclusive due date: the engine acts when that Asia/Shanghai day ends. */
export function dateDeadline(clock: PolicyClock, dueDate: LocalDate, cal: CalendarMemo = calendarMemo()): TaskDeadline {
  const policyDueMs = cal.endOfDayMs(dueDate);
  return { dueDate, policyDueMs, dueAtMs: realInstantOf(clock, policyDueMs) };
}

/** A real instant (the signing deadline): its date is the last policy day on which the step can still be done. */
export function instantDeadline(clock: PolicyClock, realMs: number): TaskDeadline {
  const policyDueMs = policyNow(clock, realMs);
  return { dueDate: shanghaiDateOf(policyDueMs - 1), policyDueMs, dueAtMs: realMs };
}

/** The policy's lead time before a deadline: the reminder the engine sends for it, so "due soon" means "reminded". */
export function leadDaysOf(kind: TaskKind, policy: QueuePolicy): number {
  switch (kind) {
    case 'signature':
      return policy.signing.reminderLeadDays ?? defaultPolicy.signing.reminderLeadDays!;
    case 'visit':
    case 'meeting':
    case 'survey':
    case 'monthly-meeting':
    case 'reexam':
    case 'health-talk':
      return reminderLeadDays(kind, policy);
    case 'request-answer':
      return policy.obligations.reminderLeadDays.request;
    case 'action-item':
      return policy.obligations.reminderLeadDays.actionItem;
    case 'evaluation-score':
      return Math.max(0, ...policy.evaluation.reminderDaysBefore);
    case 'approval-decision':
      return Math.max(0, ...approvalPolicyOf(policy).reminderDaysBefore);
    case 'renewal-countersign':
      return renewalPolicyOf(policy).reminderLeadDays;
    case 'representations':
      return Math.max(0, ...revocationPolicyOf(policy).representationsReminderDaysBefore);
    default:
      return Math.max(0, ...policy.rectification.reminderDaysBefore);
  }
}

/** Overdue once the engine's instant has passed; due soon from the lead time before it; else upcoming. */
export function taskState(deadline: TaskDeadline, leadDays: number, clock: PolicyClock, realNowMs: number): TaskState {
  const now = policyNow(clock, realNowMs);
  if (now >= deadline.policyDueMs) return 'overdue';
  if (now >= deadline.policyDueMs - leadDays * DAY_MS) return 'due-soon';
  return 'upcoming';
}

/** Obligations begin at the term's start, or on the day of activation if the term had already begun. */
export function obligationsStartOf(termStart: LocalDate, activatedOn: LocalDate, cal?: CalendarMemo): LocalDate {
  return (cal?.compare ?? compareLocalDates)(termStart, activatedOn) > 0 ? termStart : activatedOn;
}

/**
 * The period of an obligation the contract owes now: the one containing policy today, or the
 * first tracked one if that is still ahead; none when the term ends inside it or nothing is required.
 */
export function owedPeriod(
  obligation: Obligation,
  contract: { policy: QueuePolicy; termEnd: LocalDate; obligationsStart: LocalDate; agreed?: AgreedQuantities },
  today: LocalDate,
  cal: CalendarMemo = calendarMemo(),
): Period | undefined {
  if (requiredPerPeriod(obligation, contract.policy, contract.agreed) === 0) return undefined;
  const kind = periodKindOf(obligation, contract.policy, contract.agreed);
  const containing = cal.periodContaining(kind, today);
  // Obligations that began on or before this period's first day owe it; a later start owes the first whole one.
  const period =
    cal.compare(contract.obligationsStart, containing.start) <= 0
      ? containing
      : cal.firstTrackedPeriod(kind, contract.obligationsStart);
  // periodWithinTerm, with the memoized comparison.
  return cal.compare(period.end, contract.termEnd) <= 0 ? period : undefined;
}

/** A period's deadline: it closes (and is judged) when its last day ends. */
export function periodDeadline(clock: PolicyClock, period: Period): TaskDeadline {
  return { dueDate: period.end, policyDueMs: period.endMs, dueAtMs: realInstantOf(clock, period.endMs) };
}

/** What a missed obligation period brings: the escalation ladder one step further, or only the record. */
export function obligationMissConsequence(consecutiveMissesBefore: number, policy: QueuePolicy) {
  const escalation = escalationFor(consecutiveMissesBefore + 1, policy);
  return escalation ? escalation.level : ('recorded-miss' as const);
}

/** The day after a due date: when the engine acts on a step missed by its end. */
export const dayAfter = (dueDate: LocalDate): LocalDate => addDays(dueDate, 1);

export interface SortableTask {
  id: string;
  state: TaskState;
  dueAtMs: number;
}

/** Overdue first, then least time left; ties in id order so pages are stable. */
export function compareTasks(a: SortableTask, b: SortableTask): number {
  const overdue = Number(b.state === 'overdue') - Number(a.state === 'overdue');
  return overdue || a.dueAtMs - b.dueAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
