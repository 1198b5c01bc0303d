import * as wf from '@temporalio/workflow';
import { userActor } from '../domain/actor';
import { shanghaiDateOf } from '../domain/calendar';
import { policyNow, realDelayUntil } from '../domain/clock';
import type { ContractStatus, Rejection } from '../domain/contract';
import { endOfDayMs } from '../domain/contract-agenda';
import {
  approvalDeadline,
  approvalPolicyOf,
  approvalRejection,
  approvalReminders,
  laterDate,
} from '../domain/contract-approval';
import { policyToday } from '../domain/obligations';
import { policyDaysToMs } from '../domain/policy';
import type { ApprovalDecisionArgs, ContractWorkflowInput } from '../messages/contract-messages';
import { acts, SYSTEM } from './proxies';

/** Marks runs whose policy requires approval: two signatures make them pending-approval, not active. */
export const APPROVAL_PATCH = 'contract-approval-v1';

interface StatusChange {
  actor: string;
  actorUserId?: string;
  reason?: string;
  cause?: string;
}

/** What the approval needs of its contract: its input, its status, and the two ways out of pending. */
export interface ApprovalHost {
  readonly input: ContractWorkflowInput;
  readonly status: ContractStatus;
  signingDeadlineMs: number;
  changeStatus(status: ContractStatus, change: StatusChange): Promise<void>;
  activate(change?: StatusChange): Promise<void>;
  voidSignatures(): void;
}

const nowIso = () => new Date(Date.now()).toISOString();

/**
 * Approval (备案) rounds of one contract (issue 12 item 6). Round 1 follows the first two
 * signatures; a returned contract is a draft again with both signatures void and a new signing
 * window, and its next two signatures open round 2.
 */
export class ContractApproval {
  round = 1;
  deadline?: string;
  private deciding = false;

  constructor(private readonly host: ApprovalHost) {}

  private get policy() {
    return approvalPolicyOf(this.host.input.policy);
  }

  private get contractId() {
    return this.host.input.contractId;
  }

  /** Whether the second signature submits the contract for approval; false when replaying runs from before approval. */
  required(): boolean {
    return this.policy.required && wf.patched(APPROVAL_PATCH);
  }

  async submit(): Promise<void> {
    this.deadline = undefined;
    await this.host.changeStatus('pending-approval', {
      actor: SYSTEM,
      reason: "signed by both parties; awaiting the regulator's approval (备案)",
      cause: `approval:${this.round}`,
    });
  }

  rejection({ decision, reasons }: ApprovalDecisionArgs): Rejection | undefined {
    return approvalRejection({ status: this.host.status, deciding: this.deciding }, decision, reasons);
  }

  async decide({ decision, reasons, userId }: ApprovalDecisionArgs): Promise<void> {
    this.deciding = true;
    try {
      const change = { actor: userActor(userId), actorUserId: userId, reason: reasons?.trim() || undefined };
      if (decision === 'approve') {
        await this.record('approved', { userId, reasons });
        await this.host.activate({ ...change, cause: `approval:${this.round}:approved` });
      } else await this.returnToDraft(userId, reasons!.trim(), change);
    } finally {
      this.deciding = false;
    }
  }

  /** Both signatures void and a new signing window of the contract's own policy length, from now. */
  private async returnToDraft(userId: string, reasons: string, change: StatusChange): Promise<void> {
    const { policy } = this.host.input;
    const signingDeadlineMs = Date.now() + policyDaysToMs(policy.signing.windowDays, policy);
    const round = this.round;
    const signingDeadline = new Date(signingDeadlineMs).toISOString();
    await this.record('returned', { userId, reasons, signingDeadline });
    this.host.voidSignatures();
    this.host.signingDeadlineMs = signingDeadlineMs;
    this.round += 1;
    await this.host.changeStatus('draft', { ...change, cause: `approval:${round}:returned` });
    await acts.notifyContractProcess({
      contractId: this.contractId,
      notice: 'approval-returned',
      eventKey: `contract:${this.contractId}:approval:${round}:returned`,
      to: { sides: ['medical', 'care'] },
      params: {
        reasons,
        deadline: shanghaiDateOf(policyNow(this.host.input.clock, signingDeadlineMs) - 1),
        signingDeadline,
      },
      stamp: nowIso(),
    });
  }

  private record(
    outcome: 'approved' | 'returned' | 'deemed-approved',
    extra: { userId?: string; reasons?: string; signingDeadline?: string },
  ) {
    return acts.recordApprovalDecision({
      contractId: this.contractId,
      round: this.round,
      outcome,
      at: nowIso(),
      ...(extra.userId ? { userId: extra.userId } : {}),
      ...(extra.reasons?.trim() ? { reasons: extra.reasons.trim() } : {}),
      ...(extra.signingDeadline ? { newSigningDeadline: extra.signingDeadline } : {}),
    });
  }

  private decided = () => this.host.status !== 'pending-approval';

  /**
   * Pending approval: the regulators are told, reminded before the deadline and, if it passes
   * undecided, the policy decides. The deadline runs from the day their mail left the outbox.
   */
  async awaitDecision(): Promise<void> {
    const { clock } = this.host.input;
    const policy = this.policy;
    const id = this.contractId;
    const round = this.round;
    const planned = approvalDeadline(policyToday(clock, Date.now()), policy);
    const eventKey = `contract:${id}:approval:${round}:requested`;
    const toRegulators = { regulators: true } as const;
    await acts.notifyContractProcess({
      contractId: id,
      notice: 'approval-requested',
      eventKey,
      to: toRegulators,
      params: { deadline: planned },
      stamp: nowIso(),
    });
    const { sentAt } = await acts.noticeDelivered({ eventKey });
    const deadline = laterDate(planned, approvalDeadline(policyToday(clock, Date.parse(sentAt)), policy));
    this.deadline = deadline;
    await acts.recordApprovalRound({ contractId: id, round, requestedAt: sentAt, decisionDeadline: deadline });

    for (const reminder of approvalReminders(deadline, policy)) {
      if (reminder.atMs <= policyNow(clock, Date.now())) continue;
      if (await wf.condition(this.decided, realDelayUntil(clock, Date.now(), reminder.atMs))) return;
      await acts.notifyContractProcess({
        contractId: id,
        notice: 'approval-reminder',
        eventKey: `contract:${id}:approval:${round}:reminder:${reminder.daysBefore}`,
        to: toRegulators,
        params: { deadline, daysLeft: reminder.daysBefore },
        stamp: new Date(reminder.atMs).toISOString(),
      });
    }
    if (await wf.condition(this.decided, realDelayUntil(clock, Date.now(), endOfDayMs(deadline)))) return;
    // A decision accepted just before the deadline may still be recording: it wins.
    await wf.condition(wf.allHandlersFinished);
    if (this.decided()) return;
    await this.noDecision(deadline);
  }

  private async noDecision(deadline: string): Promise<void> {
    const id = this.contractId;
    const policy = this.policy;
    const stamp = new Date(endOfDayMs(deadline)).toISOString();
    const everyone = { regulators: true, sides: ['medical', 'care'] } as const;
    if (policy.onNoDecision === 'deemed-approved') {
      await this.record('deemed-approved', {});
      await acts.notifyContractProcess({
        contractId: id,
        notice: 'approval-deemed',
        eventKey: `contract:${id}:approval:${this.round}:deemed`,
        to: everyone,
        params: { deadline },
        stamp,
      });
      await this.host.activate({
        actor: SYSTEM,
        reason: `deemed approved: no decision by ${deadline}`,
        cause: `approval:${this.round}:deemed`,
      });
      return;
    }
    await acts.notifyContractProcess({
      contractId: id,
      notice: 'approval-overdue',
      eventKey: `contract:${id}:approval:${this.round}:overdue`,
      to: everyone,
      params: { deadline },
      stamp,
    });
    await wf.condition(this.decided);
  }
}
