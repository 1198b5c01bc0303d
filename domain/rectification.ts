import { addDays, compareLocalDates, type LocalDate } from './calendar';
import type { Policy } from './policy';

type RectificationTerms = Pick<Policy, 'rectification'>;

/**
 * 000_… §3.3 "rectify within a time limit": the order's deadline,
 * counted from the day it is issued (project default 60 days).
 */
export function rectificationDeadline(issuedOn: LocalDate, policy: RectificationTerms): LocalDate {
  return addDays(issuedOn, policy.rectification.deadlineDays);
}

/** An extension moves the current deadline on by the policy's extension days (project default 30). */
export function extendedDeadline(deadline: LocalDate, policy: RectificationTerms): LocalDate {
  return addDays(deadline, policy.rectification.extensionDays);
}

/** Deadlines are inclusive Asia/Shanghai dates: one has passed only from the next day on. */
export function deadlinePassed(today: LocalDate, deadline: LocalDate): boolean {
  return compareLocalDates(today, deadline) > 0;
}

/** Without accepted evidence, the notice of intended revocation goes out the day after the deadline. */
export function revocationNoticeDate(deadline: LocalDate): LocalDate {
  return addDays(deadline, 1);
}

/**
 * The last day to make representations against a notice of intended
 * revocation issued on `noticeOn` (project default 15 days).
 */
export function representationsDeadline(noticeOn: LocalDate, policy: RectificationTerms): LocalDate {
  return addDays(noticeOn, policy.rectification.representationsDays);
}

export interface RectificationReminder {
  daysBefore: number;
  /** The day the reminder goes out. */
  date: LocalDate;
}

/**
 * Reminders before the deadline (project default 14, 7 and 1 days),
 * leaving out those that would fall on or before the day of issue.
 */
export function rectificationReminders(
  deadline: LocalDate,
  issuedOn: LocalDate,
  policy: RectificationTerms,
): RectificationReminder[] {
  return policy.rectification.reminderDaysBefore
    .map((daysBefore) => ({ daysBefore, date: addDays(deadline, -daysBefore) }))
    .filter((r) => compareLocalDates(r.date, issuedOn) > 0);
}

export interface RectificationRejection {
  type:
    | 'rectification-wrong-step'
    | 'rectification-deadline-passed'
    | 'reason-required'
    | 'extension-limit-reached'
    | 'unknown-submission';
  detail: string;
}

type Check =
  | { action: 'submit-evidence' }
  | { action: 'review'; submissionId: string; reasons: string }
  | { action: 'extend'; reasons: string }
  | { action: 'decide'; reasons: string };

const needsReason = (reasons: string): RectificationRejection | undefined =>
  reasons.trim() ? undefined : { type: 'reason-required', detail: 'reasons are required and are sent to the parties' };

/**
 * Whether a command fits the order's current step, deadline and policy (000_… §3.3; project defaults for extensions).
 */
export function rectificationRejection(
  check: Check,
  view: { step: string; deadline: string; extensions: number; pendingSubmissionId?: string },
  today: string,
  policy: RectificationTerms,
): RectificationRejection | undefined {
  const wrongStep = (expected: string) => ({
    type: 'rectification-wrong-step' as const,
    detail: `this needs the order to be ${expected}; it is ${view.step}`,
  });
  switch (check.action) {
    case 'submit-evidence':
      if (view.step !== 'awaiting-evidence') return wrongStep('awaiting evidence');
      if (deadlinePassed(today, view.deadline))
        return { type: 'rectification-deadline-passed', detail: `evidence was due by ${view.deadline}` };
      return undefined;
    case 'review':
      if (view.step !== 'evidence-under-review') return wrongStep('under review');
      if (check.submissionId !== view.pendingSubmissionId)
        return {
          type: 'unknown-submission',
          detail: `submission ${check.submissionId} is not the one under review (${view.pendingSubmissionId})`,
        };
      return needsReason(check.reasons);
    case 'extend':
      if (view.step !== 'awaiting-evidence' && view.step !== 'evidence-under-review')
        return wrongStep('awaiting or reviewing evidence');
      if (view.extensions >= policy.rectification.maxExtensions)
        return {
          type: 'extension-limit-reached',
          detail: `at most ${policy.rectification.maxExtensions} extension(s) may be granted`,
        };
      if (deadlinePassed(today, view.deadline))
        return { type: 'rectification-deadline-passed', detail: `the deadline ${view.deadline} has passed` };
      return needsReason(check.reasons);
    case 'decide':
      if (view.step !== 'notice-of-revocation') return wrongStep('under notice of intended revocation');
      return needsReason(check.reasons);
  }
}
