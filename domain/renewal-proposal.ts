import { addDays, compareLocalDates, isValidLocalDate, type LocalDate } from './calendar';
import { type ContractStatus, isInForce, type Rejection, type Side } from './contract';
import { defaultPolicy, type DeepPartial, type Policy, type RenewalPolicy, resolvePolicy } from './policy';

/**
 * Renewal by both parties (issue 12 item 7): one side proposes a later term end (and may change
 * the agreed terms), the other countersigns before a deadline, or the contract expires as planned.
 */
export function renewalPolicyOf(policy: DeepPartial<Policy>): RenewalPolicy {
  return resolvePolicy({ renewal: policy.renewal }).renewal ?? defaultPolicy.renewal!;
}

export const renewalProposalStatuses = ['open', 'countersigned', 'declined', 'lapsed'] as const;
export type RenewalProposalStatus = (typeof renewalProposalStatuses)[number];

/** What the workflow keeps of the one open proposal (carried across runs). */
export interface OpenRenewalProposal {
  proposalId: string;
  side: Side;
  termEnd: LocalDate;
  /** The last policy day on which the other side may countersign. */
  countersignDeadline: LocalDate;
  hasTerms: boolean;
}

/**
 * The countersign deadline: policy days from the day of the proposal, but never past the current
 * term's end — after it the contract has expired and there is nothing left to renew.
 */
export function countersignDeadline(
  proposedOn: LocalDate,
  currentTermEnd: LocalDate,
  policy: RenewalPolicy,
): LocalDate {
  const byPolicy = addDays(proposedOn, policy.countersignDays);
  return compareLocalDates(byPolicy, currentTermEnd) <= 0 ? byPolicy : currentTermEnd;
}

/** Why a proposal must be refused: only in force, only to a later date, one open proposal at a time. */
export function proposalRejection(
  status: ContractStatus,
  currentTermEnd: LocalDate,
  termEnd: string,
  open: OpenRenewalProposal | undefined,
): Rejection | undefined {
  if (!isInForce(status))
    return {
      type: 'contract-not-active',
      detail: `only a contract in force (active or rectifying) can be renewed; this one is ${status}`,
    };
  if (!isValidLocalDate(termEnd) || compareLocalDates(termEnd, currentTermEnd) <= 0)
    return {
      type: 'renewal-not-later',
      detail: `the new term end must be a date after the current one (${currentTermEnd})`,
    };
  if (open)
    return {
      type: 'renewal-proposal-open',
      detail: `proposal ${open.proposalId} (to ${open.termEnd}) awaits the ${open.side === 'medical' ? 'care' : 'medical'} side until ${open.countersignDeadline}`,
    };
  return undefined;
}

/**
 * Why a countersignature (or a decline) by `side` on policy day `today` must be refused: the
 * proposal must be the open one, the answer must come from the other side, before the deadline ends.
 */
export function answerRejection(
  status: ContractStatus,
  open: OpenRenewalProposal | undefined,
  proposalId: string,
  side: Side,
  today: LocalDate,
): Rejection | undefined {
  if (!isInForce(status)) return { type: 'contract-not-active', detail: `the contract is ${status}` };
  if (!open || open.proposalId !== proposalId)
    return { type: 'renewal-proposal-closed', detail: `renewal proposal ${proposalId} is not open` };
  if (open.side === side)
    return {
      type: 'own-renewal-proposal',
      detail: `the ${side} side proposed this renewal; only the other side may countersign or decline it`,
    };
  if (compareLocalDates(today, open.countersignDeadline) > 0)
    return {
      type: 'countersign-deadline-passed',
      detail: `the countersign deadline ${open.countersignDeadline} has passed`,
    };
  return undefined;
}
