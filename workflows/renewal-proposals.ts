import type { PolicyClock } from '../domain/clock';
import { policyNow } from '../domain/clock';
import { type ContractStatus, type Rejection, type Side, sideOf } from '../domain/contract';
import { endOfDayMs } from '../domain/contract-agenda';
import { policyToday } from '../domain/obligations';
import type { Policy } from '../domain/policy';
import {
  answerRejection,
  countersignDeadline,
  type OpenRenewalProposal,
  proposalRejection,
  renewalPolicyOf,
} from '../domain/renewal-proposal';
import type { AnswerRenewalArgs, ProposeRenewalArgs } from '../messages/contract-messages';
import { acts } from './proxies';

/** What a renewal needs of its contract. */
export interface RenewalHost {
  readonly contractId: string;
  readonly clock: PolicyClock;
  readonly medicalInstitutionId: string;
  readonly careInstitutionId: string;
  /** The status as a renewal sees it: a contract without a term (a draft, an untracked run) cannot be renewed. */
  renewableStatus(): ContractStatus;
  termEnd(): string;
  policy(): Policy;
  /** The term moves to its new end. */
  /** Extends the term; `termsChanged`: the proposal changed the agreement, which is held from the next run on. */
  extendTerm(newTermEnd: string, termsChanged: boolean): void;
  /** What the contract waits for changed: a proposal opened, closed, or the term moved. */
  rescheduled(): void;
}

const nowIso = () => new Date(Date.now()).toISOString();
const otherSide = (side: Side): Side => (side === 'medical' ? 'care' : 'medical');
const notAParty = (institutionId: string): Rejection => ({
  type: 'not-a-party',
  detail: `institution ${institutionId} is not a party to this contract`,
});

/**
 * Renewal by both parties (issue 12 item 7): at most one open proposal; the other side countersigns
 * or declines by the deadline, or the proposal lapses at the end of that day and the term ends as planned.
 */
export class RenewalProposals {
  constructor(
    private readonly host: RenewalHost,
    public open?: OpenRenewalProposal,
  ) {}

  proposalRejection({ institutionId, termEnd }: ProposeRenewalArgs): Rejection | undefined {
    if (!sideOf(this.host, institutionId)) return notAParty(institutionId);
    return proposalRejection(this.host.renewableStatus(), this.host.termEnd(), termEnd, this.open);
  }

  async propose({ proposalId, institutionId, termEnd, terms, userId }: ProposeRenewalArgs): Promise<void> {
    const { contractId, clock } = this.host;
    const side = sideOf(this.host, institutionId)!;
    const previousTermEnd = this.host.termEnd();
    const deadline = countersignDeadline(
      policyToday(clock, Date.now()),
      previousTermEnd,
      renewalPolicyOf(this.host.policy()),
    );
    this.open = { proposalId, side, termEnd, countersignDeadline: deadline, hasTerms: terms !== undefined };
    this.host.rescheduled();
    await acts.recordRenewalProposal({
      contractId,
      proposalId,
      side,
      institutionId,
      userId,
      previousTermEnd,
      termEnd,
      countersignDeadline: deadline,
      ...(terms !== undefined ? { terms } : {}),
      at: nowIso(),
    });
    await acts.notifyContractProcess({
      contractId,
      notice: 'renewal-proposed',
      eventKey: `contract:${contractId}:renewal:${proposalId}:proposed`,
      to: { sides: [otherSide(side)] },
      params: {
        deadline,
        termEnd: previousTermEnd,
        newTermEnd: termEnd,
        proposerSide: side,
        termsChanged: terms !== undefined,
      },
      stamp: nowIso(),
    });
  }

  answerRejection({ institutionId, proposalId }: AnswerRenewalArgs): Rejection | undefined {
    const side = sideOf(this.host, institutionId);
    if (!side) return notAParty(institutionId);
    const today = policyToday(this.host.clock, Date.now());
    return answerRejection(this.host.renewableStatus(), this.open, proposalId, side, today);
  }

  async answer({ proposalId, answer, reason, userId }: AnswerRenewalArgs): Promise<void> {
    const proposal = this.open!;
    // Cleared before anything awaits, so a second answer to the same proposal is refused by its validator.
    this.open = undefined;
    this.host.rescheduled();
    const { contractId } = this.host;
    const previousTermEnd = this.host.termEnd();
    const status = answer === 'countersign' ? 'countersigned' : 'declined';
    await acts.closeRenewalProposal({
      contractId,
      proposalId,
      status,
      userId,
      at: nowIso(),
      ...(reason?.trim() ? { reason: reason.trim() } : {}),
    });
    if (answer === 'decline') {
      await acts.notifyContractProcess({
        contractId,
        notice: 'renewal-declined',
        eventKey: `contract:${contractId}:renewal:${proposalId}:declined`,
        to: { sides: [proposal.side] },
        params: { termEnd: previousTermEnd, newTermEnd: proposal.termEnd, reasons: reason?.trim() || undefined },
        stamp: nowIso(),
      });
      return;
    }
    this.host.extendTerm(proposal.termEnd, proposal.hasTerms);
    await acts.notify({
      contractId,
      notice: 'contract-renewed',
      eventKey: `contract:${contractId}:renewed:${proposal.termEnd}`,
      audience: 'liaisons-and-regulators',
      params: { termEnd: previousTermEnd, newTermEnd: proposal.termEnd },
      stamp: nowIso(),
    });
  }

  /** The policy instant the open proposal lapses (its deadline day's end), if any. */
  lapsesAtMs(): number | undefined {
    return this.open ? endOfDayMs(this.open.countersignDeadline) : undefined;
  }

  /** Unanswered by the end of its deadline day: the proposer is told, and the term ends as planned. */
  async lapseIfDue(): Promise<void> {
    const proposal = this.open;
    const { contractId, clock } = this.host;
    if (!proposal || policyNow(clock, Date.now()) < endOfDayMs(proposal.countersignDeadline)) return;
    this.open = undefined;
    const stamp = new Date(endOfDayMs(proposal.countersignDeadline)).toISOString();
    await acts.closeRenewalProposal({ contractId, proposalId: proposal.proposalId, status: 'lapsed', at: nowIso() });
    await acts.notifyContractProcess({
      contractId,
      notice: 'renewal-lapsed',
      eventKey: `contract:${contractId}:renewal:${proposal.proposalId}:lapsed`,
      to: { sides: [proposal.side] },
      params: { deadline: proposal.countersignDeadline, termEnd: this.host.termEnd(), newTermEnd: proposal.termEnd },
      stamp,
    });
  }
}
