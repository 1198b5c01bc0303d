import type { RectificationOrder } from '../../../stores/rectification-store';
import { findDecision } from '../../../stores/representation-store';
import { listReviews } from '../../../stores/revocation-store';
import type { User } from '../../../stores/user-store';
import { rectificationWorkflowId } from '../../../messages/evaluation-messages';
import {
  extensionUpdate,
  rectificationStateQuery,
  reviewUpdate,
  revocationDecisionUpdate,
} from '../../../messages/rectification-messages';
import type { ApiDeps } from '../../api-deps';
import { regulates } from '../../auth';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';
import { runWorkflowCommand } from '../../workflow-errors';
import { enforcementClock } from './enforcement-clock';
import { createFindingService } from './finding-service';

const closed = 'the rectification order is closed';

/**
 * A rectification order: what it shows its parties and regulator,
 * and the regulator's decisions, each an Update of its workflow.
 */
export function createRectificationService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  /** Someone who can see neither the order nor its contract learns nothing of either. */
  const visible = async (user: User, id: string): Promise<RectificationOrder> =>
    (await visibility.rectification(user, id)).order;
  const handleOf = (id: string) => deps.temporal.workflow.getHandle(rectificationWorkflowId(id));
  const findings = createFindingService(deps);

  async function asRegulator(user: User, id: string) {
    const order = await visible(user, id);
    if (!regulates(user, order.regionCode))
      throw new ProblemError('forbidden', `only a regulator of region ${order.regionCode} decides on this order`);
    return order;
  }

  /** The order with its enforcement clock; the live workflow state when it answers, the record otherwise. */
  async function view(user: User, id: string) {
    const order = await visible(user, id);
    const live = await handleOf(order.id)
      .query(rectificationStateQuery)
      .catch(() => undefined);
    return {
      id: order.id,
      contractId: order.contractId,
      evaluationId: order.evaluationId,
      regionCode: order.regionCode,
      origin: order.origin,
      ...(order.legalBasis ? { legalBasis: order.legalBasis, reason: order.reason, issuedBy: order.issuedBy } : {}),
      itemized: order.itemized,
      findings: await findings.findingsOf(order, live),
      issuedOn: order.issuedOn,
      outcome: order.outcome,
      ...enforcementClock(order, live),
      reviews: await listReviews(deps.db, order.id),
      revocationDecision: (await findDecision(deps.db, order.id)) ?? null,
    };
  }

  async function review(
    user: User,
    id: string,
    input: { submissionId: string; decision: 'accepted' | 'rejected'; reasons: string },
  ) {
    await asRegulator(user, id);
    return runWorkflowCommand(
      () => handleOf(id).executeUpdate(reviewUpdate, { args: [{ ...input, userId: user.id }] }),
      closed,
    );
  }

  async function extend(user: User, id: string, reason: string) {
    await asRegulator(user, id);
    return runWorkflowCommand(
      () => handleOf(id).executeUpdate(extensionUpdate, { args: [{ reason, userId: user.id }] }),
      closed,
    );
  }

  async function decideRevocation(
    user: User,
    id: string,
    input: {
      decision: 'confirm' | 'withdraw';
      reasons: string;
      considerations: { representationId: string; consideration: string }[];
    },
  ) {
    await asRegulator(user, id);
    return runWorkflowCommand(
      () => handleOf(id).executeUpdate(revocationDecisionUpdate, { args: [{ ...input, userId: user.id }] }),
      closed,
    );
  }

  return { visible, view, review, extend, decideRevocation };
}

export type RectificationService = ReturnType<typeof createRectificationService>;
