import { sideOf } from '../../../domain/contract';
import type { PlanOfCorrectionInput } from '../../../domain/rectification-findings';
import type { Contract } from '../../../stores/contract-store';
import { findEvaluation } from '../../../stores/evaluation-store';
import { listFindingRecords, listFindingReviews } from '../../../stores/finding-store';
import type { RectificationOrder } from '../../../stores/rectification-store';
import type { User } from '../../../stores/user-store';
import { rectificationWorkflowId } from '../../../messages/evaluation-messages';
import {
  findingReviewUpdate,
  planOfCorrectionUpdate,
  type RectificationView,
} from '../../../messages/rectification-messages';
import type { ApiDeps } from '../../api-deps';
import { regulates } from '../../auth';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';
import { runWorkflowCommand } from '../../workflow-errors';

const closed = 'the rectification order is closed';

/** The side a party user acts for on this contract: the institution it belongs to. */
export const partySideOf = (user: User, contract: Pick<Contract, 'medicalInstitutionId' | 'careInstitutionId'>) =>
  user.institutionId ? sideOf(contract, user.institutionId) : undefined;

/**
 * An itemized order's findings (issue 12 item 3): the responsible side's plan of correction, the
 * regulator's review of each finding's evidence, and each finding's state as the order shows it.
 */
export function createFindingService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const handleOf = (id: string) => deps.temporal.workflow.getHandle(rectificationWorkflowId(id));

  async function itemizedFinding(user: User, id: string, findingId: string) {
    const { order, contract } = await visibility.rectification(user, id);
    if (!order.itemized)
      throw new ProblemError(
        'findings-not-itemized',
        `order ${id} has one finding for the whole order: submit evidence and review it as a whole`,
      );
    if (!order.findings.some((f) => f.id === findingId))
      throw new ProblemError(
        'unknown-finding',
        `order ${id} has no finding ${findingId}; its findings: ${order.findings.map((f) => f.id).join(', ')}`,
      );
    return { order, contract };
  }

  async function submitPlan(user: User, id: string, findingId: string, plan: PlanOfCorrectionInput) {
    const { contract } = await itemizedFinding(user, id, findingId);
    const side = partySideOf(user, contract);
    if (!side) throw new ProblemError('not-a-party', 'only a party user of the contract submits a plan of correction');
    return runWorkflowCommand(
      () => handleOf(id).executeUpdate(planOfCorrectionUpdate, { args: [{ findingId, userId: user.id, side, plan }] }),
      closed,
    );
  }

  async function review(
    user: User,
    id: string,
    findingId: string,
    input: { submissionId: string; decision: 'accepted' | 'rejected'; reasons: string },
  ) {
    const { order } = await itemizedFinding(user, id, findingId);
    if (!regulates(user, order.regionCode))
      throw new ProblemError('forbidden', `only a regulator of region ${order.regionCode} reviews this order`);
    const evaluation = order.evaluationId ? await findEvaluation(deps.db, order.evaluationId) : undefined;
    if (evaluation?.submittedBy === user.id)
      throw new ProblemError(
        'reviewer-is-evaluator',
        'the evaluator who scored the evaluation may not review the evidence against its own findings',
      );
    return runWorkflowCommand(
      () => handleOf(id).executeUpdate(findingReviewUpdate, { args: [{ ...input, findingId, userId: user.id }] }),
      closed,
    );
  }

  /** Each finding with its state, plan, deadlines and reviews: the live workflow's state when it answers. */
  async function findingsOf(order: RectificationOrder, live: RectificationView | undefined) {
    if (!order.itemized) return order.findings;
    const [records, reviews] = await Promise.all([
      listFindingRecords(deps.db, order.id),
      listFindingReviews(deps.db, order.id),
    ]);
    const planDeadline = live?.planDeadline ?? order.planDeadline;
    const deadline = live?.deadline ?? order.deadline;
    return order.findings.map((f) => {
      const progress = live?.findings?.find((p) => p.id === f.id);
      const record = records.find((r) => r.findingId === f.id);
      const state = progress?.state ?? record?.state ?? 'awaiting-plan';
      return {
        ...f,
        state,
        plan: progress?.plan ?? record?.plan,
        pendingSubmissionId: progress ? progress.pendingSubmissionId : record?.pendingSubmissionId,
        deadlines: { plan: planDeadline, evidence: deadline },
        failed: (live?.failedFindingIds ?? order.failedFindingIds ?? []).includes(f.id),
        reviews: reviews.filter((r) => r.findingId === f.id),
      };
    });
  }

  return { submitPlan, review, findingsOf };
}
