import type { RectificationOrder } from '../../../stores/rectification-store';
import { listReviews } from '../../../stores/revocation-store';
import type { User } from '../../../stores/user-store';
import { rectificationWorkflowId } from '../../../workflows/evaluation-messages';
import { extensionUpdate, rectificationStateQuery, reviewUpdate, revocationDecisionUpdate } from '../../../workflows/rectification-messages';
import type { ApiDeps } from '../../api-deps';
import { regulates } from '../../auth';
import { z } from '../../openapi';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { createVisibility } from '../../visibility';
import { runWorkflowCommand } from '../../workflow-errors';
import { registerAuditRoute } from '../audit/audit-routes';
import { enforcementClock } from './enforcement-clock';

const reasons = z.string().trim().min(1, 'reasons are required').max(20000);
const StepSchema = z
  .object({
    rectificationId: z.uuid(),
    step: z.string(),
    deadline: z.string(),
    extensions: z.number(),
    pendingSubmissionId: z.uuid().optional().describe('the evidence submission being recorded'),
    reEvaluationId: z.uuid().optional().describe('the re-evaluation after accepted evidence'),
    representationsDeadline: z.string().optional().describe('last day for representations against the intended revocation'),
  })
  .openapi('RectificationStep');

export function registerRectificationRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const visible = async (user: User, id: string): Promise<RectificationOrder> => (await visibility.rectification(user, id)).order;
  async function asRegulator(user: User, id: string) {
    const order = await visible(user, id);
    if (!regulates(user, order.regionCode)) throw new ProblemError('forbidden', `only a regulator of region ${order.regionCode} decides on this order`);
    return order;
  }
  const handleOf = (id: string) => deps.temporal.workflow.getHandle(rectificationWorkflowId(id));
  const closed = 'the rectification order is closed';

  route({
    method: 'get',
    path: '/rectifications/:id',
    summary: 'The order: findings, current step, every deadline with how it was computed, and what happens next',
    tag: 'rectifications',
    roles: ['admin', 'regulator', 'party', 'liaison'],
    params: IdParams,
    response: { status: 200, schema: z.record(z.string(), z.unknown()), description: 'The enforcement clock' },
    problems: [404],
    handler: async ({ user, params }) => {
      const order = await visible(user, params.id);
      const live = await handleOf(order.id)
        .query(rectificationStateQuery)
        .catch(() => undefined);
      return { id: order.id, contractId: order.contractId, evaluationId: order.evaluationId, findings: order.findings, issuedOn: order.issuedOn, outcome: order.outcome, ...enforcementClock(order, live), reviews: await listReviews(deps.db, order.id) };
    },
  });

  registerAuditRoute(route, deps, { path: '/rectifications/:id/audit', tag: 'rectifications', entity: 'rectification order', entityType: 'rectification', roles: ['admin', 'regulator', 'party', 'liaison'], params: IdParams, visibleId: async (user, { id }) => (await visible(user, id)).id });

  route({
    method: 'post',
    path: '/rectifications/:id/reviews',
    summary: "Accept or reject the submitted evidence, with reasons (the region's regulator)",
    tag: 'rectifications',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: z.object({ submissionId: z.uuid(), decision: z.enum(['accepted', 'rejected']), reasons }).strict(),
    response: { status: 200, schema: StepSchema, description: 'The order after the review' },
    problems: [404, 409, 422],
    handler: async ({ user, params, body }) => {
      await asRegulator(user, params.id);
      return runWorkflowCommand(() => handleOf(params.id).executeUpdate(reviewUpdate, { args: [{ ...body, userId: user.id }] }), closed);
    },
  });

  route({
    method: 'post',
    path: '/rectifications/:id/extension',
    summary: "Grant the one extension policy allows, with a reason (the region's regulator)",
    tag: 'rectifications',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: z.object({ reason: reasons }).strict(),
    response: { status: 200, schema: StepSchema, description: 'The order with its new deadline' },
    problems: [404, 409, 422],
    handler: async ({ user, params, body }) => {
      await asRegulator(user, params.id);
      return runWorkflowCommand(() => handleOf(params.id).executeUpdate(extensionUpdate, { args: [{ reason: body.reason, userId: user.id }] }), closed);
    },
  });

  route({
    method: 'post',
    path: '/rectifications/:id/revocation-decision',
    summary: "After the representations: confirm the revocation or withdraw it, with reasons (the region's regulator)",
    tag: 'rectifications',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: z.object({ decision: z.enum(['confirm', 'withdraw']), reasons }).strict(),
    response: { status: 200, schema: StepSchema, description: 'The order after the decision' },
    problems: [404, 409, 422],
    handler: async ({ user, params, body }) => {
      await asRegulator(user, params.id);
      return runWorkflowCommand(() => handleOf(params.id).executeUpdate(revocationDecisionUpdate, { args: [{ ...body, userId: user.id }] }), closed);
    },
  });
}
