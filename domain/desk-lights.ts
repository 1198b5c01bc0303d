import { daysBetween, type LocalDate } from './calendar';
import type { Light } from './contract-lights';
import type { DeskPolicy } from './policy';
import { deadlinePassed } from './rectification';

/**
 * The steps of an order still running; the others are outcomes. `issued` is the row's status from
 * its insert until the workflow records its first step.
 */
export const openSteps = [
  'issued',
  'awaiting-evidence',
  'evidence-under-review',
  're-evaluation',
  'notice-of-revocation',
] as const;
export const rectificationSteps = [...openSteps, 'closed', 'revoked', 'withdrawn'] as const;

/**
 * The deadline that matters now: in the notice step the last day for representations (then the
 * regulator decides), otherwise the deadline for accepted evidence.
 */
export function currentDeadline(order: {
  status: string;
  deadline: LocalDate;
  representationsDeadline?: LocalDate;
}): LocalDate {
  return order.status === 'notice-of-revocation' && order.representationsDeadline
    ? order.representationsDeadline
    : order.deadline;
}

/**
 * The desk's light for an open order: red once its current deadline has passed, yellow when it
 * falls within the region's `desk.yellowDueWithinDays`, green otherwise; none once the order is closed.
 */
export function deskLight(
  today: LocalDate,
  order: { status: string; deadline: LocalDate; representationsDeadline?: LocalDate; outcome?: string },
  policy: DeskPolicy,
): Light | undefined {
  if (order.outcome || !(openSteps as readonly string[]).includes(order.status)) return undefined;
  const due = currentDeadline(order);
  if (deadlinePassed(today, due)) return 'red';
  return daysBetween(today, due) <= policy.yellowDueWithinDays ? 'yellow' : 'green';
}
