import { approvalPolicyOf } from '../../../domain/contract-approval';
import { consequenceOf } from '../../../domain/task-consequences';
import { dateDeadline } from '../../../domain/work-queue';
import type { OpenProposalRow, PendingApprovalRow } from '../../../stores/process-task-store';
import { clockOf, type Ctx, contractLink, pairName, partyView, task, type WorkTask } from './task-builders';

/** The regulator decides on a contract pending approval by the deadline; after it, the region's policy acts. */
export function approvalTasks(ctx: Ctx, approvals: PendingApprovalRow[]): WorkTask[] {
  if (!ctx.wants('approval-decision')) return [];
  return approvals.map((a) => {
    const c = a.contract;
    const clock = clockOf(c);
    const deadline = dateDeadline(clock, a.decisionDeadline, ctx.cal);
    const silence =
      approvalPolicyOf(c.policy).onNoDecision === 'deemed-approved' ? 'deemed-approval' : 'approval-overdue';
    return task(ctx, `approval-decision:${c.id}:${a.round}`, 'approval-decision', deadline, clock, c.policy, () => ({
      contractId: c.id,
      subject: a.round > 1 ? `${pairName(c)} (round ${a.round})` : pairName(c),
      consequence: consequenceOf(silence, ctx.cal.dayAfter(a.decisionDeadline)),
      link: contractLink(c),
    }));
  });
}

/** A renewal proposal waits on the side that did not make it; unanswered, it lapses after its deadline. */
export function countersignTasks(ctx: Ctx, proposals: OpenProposalRow[], institutionId: string): WorkTask[] {
  if (!ctx.wants('renewal-countersign')) return [];
  return proposals
    .filter((p) => partyView(p.contract, institutionId).side !== p.side)
    .map((p) => {
      const c = p.contract;
      const clock = clockOf(c);
      const deadline = dateDeadline(clock, p.countersignDeadline, ctx.cal);
      return task(ctx, `renewal-countersign:${p.id}`, 'renewal-countersign', deadline, clock, c.policy, () => ({
        contractId: c.id,
        subject: `${partyView(c, institutionId).counterpart} → ${p.termEnd}`,
        consequence: consequenceOf('renewal-lapse', ctx.cal.dayAfter(p.countersignDeadline)),
        link: contractLink(c),
      }));
    });
}
