import { addDays, compareLocalDates, type LocalDate, startOfShanghaiDay } from './calendar';
import type { ContractStatus, Rejection } from './contract';
import { type ApprovalPolicy, defaultPolicy, type DeepPartial, type Policy, resolvePolicy } from './policy';

/**
 * Regulator approval (备案) of a signed contract, as the region's policy sets it (issue 12 item 6).
 * A snapshot stored before approval existed reads the defaults: approval not required.
 */
export function approvalPolicyOf(policy: DeepPartial<Policy>): ApprovalPolicy {
  return resolvePolicy({ approval: policy.approval }).approval ?? defaultPolicy.approval!;
}

export const isApprovalRequired = (policy: DeepPartial<Policy>): boolean => approvalPolicyOf(policy).required;

export const approvalDecisions = ['approve', 'return'] as const;
export type ApprovalDecision = (typeof approvalDecisions)[number];

/** How one round of approval ended: a regulator's decision, or the policy's rule for silence. */
export type ApprovalOutcome = 'approved' | 'returned' | 'deemed-approved';

export interface ApprovalState {
  status: ContractStatus;
  /** A decision being recorded right now, so a concurrent second decision is refused. */
  deciding: boolean;
}

/**
 * Why a regulator's decision must be refused: only a contract pending approval, one decision at a
 * time, and a return needs its reasons (the parties must know what to change before signing again).
 */
export function approvalRejection(
  state: ApprovalState,
  decision: ApprovalDecision,
  reasons: string | undefined,
): Rejection | undefined {
  if (state.status !== 'pending-approval')
    return { type: 'not-pending-approval', detail: `the contract is ${state.status}, not pending approval` };
  if (state.deciding)
    return { type: 'decision-in-progress', detail: 'another decision on this contract is being recorded' };
  if (decision === 'return' && !(reasons ?? '').trim())
    return { type: 'reason-required', detail: 'a contract is returned with the reasons the parties must address' };
  return undefined;
}

/**
 * The last day for the decision: policy days from the day the regulators were told (the day their
 * mail left the outbox), inclusive. A later delivery moves the deadline, never an earlier one.
 */
export function approvalDeadline(toldOn: LocalDate, policy: ApprovalPolicy): LocalDate {
  return addDays(toldOn, policy.decisionDays);
}

/** The later of two deadlines: a notice delivered after its date was printed keeps its full time. */
export const laterDate = (a: LocalDate, b: LocalDate): LocalDate => (compareLocalDates(a, b) >= 0 ? a : b);

/** Reminder days before the deadline, furthest first, each as the policy instant it is due (00:00 that day). */
export function approvalReminders(deadline: LocalDate, policy: ApprovalPolicy): { daysBefore: number; atMs: number }[] {
  return [...policy.reminderDaysBefore]
    .sort((a, b) => b - a)
    .map((daysBefore) => ({ daysBefore, atMs: startOfShanghaiDay(addDays(deadline, -daysBefore)) }));
}
