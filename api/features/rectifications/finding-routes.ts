import { isValidLocalDate } from '../../../domain/calendar';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { IdParams, type defineRoutes } from '../../route';
import { FindingInputSchema } from '../evaluations/evaluation-schemas';
import { createDirectOrderService } from './direct-order-service';
import { createFindingService } from './finding-service';
import { check, checks } from '../../checks';

const text = (max: number) => z.string().trim().min(1).max(max);
const FindingParams = IdParams.extend({ findingId: z.string().regex(/^F[1-9]\d{0,2}$/, 'a finding id like F1') });

/** CMS ePOC's five elements of a plan of correction. */
const PlanSchema = z
  .object({
    affected: text(20000).describe('who was affected, or could be, by the deficiency'),
    changes: text(20000).describe('what changes so that it does not recur'),
    responsible: text(2000).describe('who is responsible for the correction'),
    monitoring: text(20000).describe('how the correction is monitored'),
    completionDate: z.iso
      .date()
      .refine(isValidLocalDate, check(checks.calendarDate, 'a real calendar date'))
      .describe("when the correction is complete: on or before the order's deadline"),
  })
  .strict()
  .openapi('PlanOfCorrection');

const StoredPlanSchema = z.object({
  affected: z.string(),
  changes: z.string(),
  responsible: z.string(),
  monitoring: z.string(),
  completionDate: z.string(),
  submittedBy: z.uuid(),
  side: z.enum(['medical', 'care']),
  submittedAt: z.string(),
});

const FindingStepSchema = z
  .object({
    rectificationId: z.uuid(),
    step: z.string(),
    deadline: z.string(),
    extensions: z.number(),
    pendingSubmissionId: z.uuid().optional(),
    reEvaluationId: z.uuid().optional(),
    representationsDeadline: z.string().optional(),
    planDeadline: z.string().optional().describe('plans of correction are due by this date'),
    deliveredAt: z.string().optional().describe("when the order's mails were sent: its deadlines run from then"),
    failedFindingIds: z.array(z.string()).optional(),
    findings: z
      .array(
        z.object({
          id: z.string(),
          state: z.enum(['awaiting-plan', 'awaiting-evidence', 'evidence-under-review', 'accepted']),
          responsibleSide: z.enum(['medical', 'care', 'both']),
          plan: StoredPlanSchema.optional(),
          pendingSubmissionId: z.string().optional(),
          rejections: z.number(),
        }),
      )
      .optional(),
  })
  .openapi('RectificationFindingsStep');

const FindingSchema = z
  .object({
    id: z.string().describe('F1..Fn'),
    indicator: z.string(),
    problem: z.string(),
    requiredCorrection: z.string(),
    responsibleSide: z.enum(['medical', 'care', 'both']),
  })
  .openapi('Finding');

const DirectOrderSchema = z
  .object({
    findings: z.array(FindingInputSchema).min(1).max(100),
    legalBasis: text(2000).describe('the provision the order rests on'),
    reason: text(20000).describe('why the order is issued, e.g. repeated missed obligations or a complaint'),
  })
  .strict()
  .openapi('DirectRectificationOrder');

/** Plans of correction and reviews per finding, and the regulator's direct order (issue 12 item 3). */
export function registerFindingRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const findings = createFindingService(deps);
  const directOrders = createDirectOrderService(deps);

  route({
    method: 'post',
    path: '/rectifications/:id/findings/:findingId/plan',
    summary: "The responsible side's plan of correction for one finding, before the plan deadline",
    tag: 'rectifications',
    roles: ['party', 'liaison'],
    params: FindingParams,
    body: PlanSchema,
    response: { status: 200, schema: FindingStepSchema, description: 'The order with the finding awaiting evidence' },
    problems: [403, 404, 409, 422],
    handler: async ({ user, params, body }) => findings.submitPlan(user, params.id, params.findingId, body),
  });

  route({
    method: 'post',
    path: '/rectifications/:id/findings/:findingId/review',
    summary: "Accept or reject one finding's evidence, with reasons (a regulator of the region, not its evaluator)",
    tag: 'rectifications',
    roles: ['admin', 'regulator'],
    params: FindingParams,
    body: z
      .object({ submissionId: z.uuid(), decision: z.enum(['accepted', 'rejected']), reasons: text(20000) })
      .strict(),
    response: { status: 200, schema: FindingStepSchema, description: 'The order after the review' },
    problems: [403, 404, 409, 422],
    handler: async ({ user, params, body }) => findings.review(user, params.id, params.findingId, body),
  });

  route({
    method: 'post',
    path: '/contracts/:id/rectification-orders',
    summary: "A regulator's rectification order on a contract in force, with its findings and legal basis",
    tag: 'rectifications',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: DirectOrderSchema,
    response: {
      status: 201,
      schema: z
        .object({
          id: z.uuid(),
          contractId: z.uuid(),
          origin: z.enum(['evaluation', 'regulator']),
          legalBasis: z.string().optional(),
          reason: z.string().optional(),
          issuedBy: z.uuid().optional(),
          issuedOn: z.string(),
          deadline: z.string(),
          findings: z.array(FindingSchema),
        })
        .openapi('DirectRectificationOrderIssued'),
      description: 'The order; its workflow is running and its mails are on their way',
    },
    problems: [403, 404, 409],
    handler: async ({ user, params, body }) => {
      const o = await directOrders.issue(user, params.id, body);
      return {
        id: o.id,
        contractId: o.contractId,
        origin: o.origin,
        legalBasis: o.legalBasis,
        reason: o.reason,
        issuedBy: o.issuedBy,
        issuedOn: o.issuedOn,
        deadline: o.deadline,
        findings: o.findings.map(({ id, indicator, problem, requiredCorrection, responsibleSide }) => ({
          id,
          indicator,
          problem,
          requiredCorrection,
          responsibleSide,
        })),
      };
    },
  });
}
