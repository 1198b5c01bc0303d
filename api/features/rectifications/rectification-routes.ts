import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { IdParams, type defineRoutes } from '../../route';
import { registerAuditRoute } from '../audit/audit-routes';
import { registerFindingRoutes } from './finding-routes';
import { registerRectificationListRoutes } from './rectification-list-routes';
import { createRectificationService } from './rectification-service';

const reasons = z.string().trim().min(1, 'reasons are required').max(20000);
const StepSchema = z
  .object({
    rectificationId: z.uuid(),
    step: z.string(),
    deadline: z.string(),
    extensions: z.number(),
    pendingSubmissionId: z.uuid().optional().describe('the evidence submission being recorded'),
    reEvaluationId: z.uuid().optional().describe('the re-evaluation after accepted evidence'),
    representationsDeadline: z
      .string()
      .optional()
      .describe('last day for representations against the intended revocation'),
    representations: z
      .array(z.object({ representationId: z.uuid(), institutionId: z.uuid(), kind: z.enum(['filed', 'waived']) }))
      .optional()
      .describe('each party heard in the notice step: representations filed or none declared'),
  })
  .openapi('RectificationStep');

export function registerRectificationRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const rectifications = createRectificationService(deps);
  registerFindingRoutes(route, deps);
  registerRectificationListRoutes(route, deps);

  route({
    method: 'get',
    path: '/rectifications/:id',
    summary: 'The order: findings, current step, every deadline with how it was computed, and what happens next',
    tag: 'rectifications',
    roles: ['admin', 'regulator', 'party', 'liaison'],
    params: IdParams,
    response: { status: 200, schema: z.record(z.string(), z.unknown()), description: 'The enforcement clock' },
    problems: [404],
    handler: async ({ user, params }) => rectifications.view(user, params.id),
  });

  registerAuditRoute(route, deps, {
    path: '/rectifications/:id/audit',
    tag: 'rectifications',
    entity: 'rectification order',
    entityType: 'rectification',
    roles: ['admin', 'regulator', 'party', 'liaison'],
    params: IdParams,
    visibleId: async (user, { id }) => (await rectifications.visible(user, id)).id,
  });

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
    handler: async ({ user, params, body }) => rectifications.review(user, params.id, body),
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
    handler: async ({ user, params, body }) => rectifications.extend(user, params.id, body.reason),
  });

  route({
    method: 'post',
    path: '/rectifications/:id/revocation-decision',
    summary:
      'Confirm the revocation (once the representations window has closed, or both parties declared none) or ' +
      "withdraw it (any time), with reasons and how each representation was considered (the region's regulator)",
    tag: 'rectifications',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: z
      .object({
        decision: z.enum(['confirm', 'withdraw']),
        reasons,
        considerations: z
          .array(z.object({ representationId: z.uuid(), consideration: z.string().trim().min(1).max(20000) }).strict())
          .max(1000)
          .default([])
          .describe('how each representation filed was considered: every one must be'),
      })
      .strict(),
    response: { status: 200, schema: StepSchema, description: 'The order after the decision' },
    problems: [404, 409, 422],
    handler: async ({ user, params, body }) => rectifications.decideRevocation(user, params.id, body),
  });
}
