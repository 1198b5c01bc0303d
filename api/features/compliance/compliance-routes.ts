import { type Obligation, obligationKinds } from '../../../domain/obligations';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { IdParams, type defineRoutes } from '../../route';
import { createContractService } from '../contracts/contract-service';
import { complianceOf } from './compliance-service';

const PeriodSchema = z.object({
  periodKey: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  required: z.number(),
  actual: z.number(),
  met: z.boolean(),
  consecutiveMisses: z.number(),
  closedAt: z.string(),
});
const ObligationSchema = z.object({ met: z.number(), missed: z.number(), periods: z.array(PeriodSchema) });

export const ComplianceSchema = z
  .object({
    contractId: z.uuid(),
    status: z.string(),
    termStart: z.string(),
    termEnd: z.string(),
    policyVersion: z.number(),
    obligations: z
      .object(
        Object.fromEntries(obligationKinds.map((o) => [o, ObligationSchema])) as Record<
          Obligation,
          typeof ObligationSchema
        >,
      )
      .describe('per obligation: periods met and missed (a referral period: referrals answered in the agreed time)'),
    agreed: z
      .object({
        homeVisitsPerMonth: z.number(),
        chronicDiseaseReexamsPerQuarter: z.number(),
        healthTalksPerYear: z.number(),
        monthlyMeetings: z.number(),
        quarterlyMeetings: z.number(),
        demandSurveysPerYear: z.number(),
        emergencyReferralResponseMinutes: z.number(),
      })
      .describe("the agreement's quantities the obligations are held to"),
    visitsPerMonth: z.array(z.object({ month: z.string(), count: z.number() })),
    meetings: z.array(
      z.object({
        id: z.uuid(),
        meetingDate: z.string(),
        cadence: z.enum(['monthly', 'quarterly']),
        attendees: z.number(),
        actionItems: z.number(),
      }),
    ),
    healthTalks: z.array(z.object({ id: z.uuid(), talkDate: z.string(), topic: z.string(), attendees: z.number() })),
    surveys: z.array(z.object({ id: z.uuid(), surveyDate: z.string(), respondents: z.number() })),
    openRequests: z.array(
      z.object({
        id: z.uuid(),
        subject: z.string(),
        fromSide: z.string(),
        raisedDate: z.string(),
        answerDueDate: z.string(),
      }),
    ),
    answeredRequests: z.number(),
    openActionItems: z.array(
      z.object({ id: z.uuid(), description: z.string(), ownerName: z.string(), dueDate: z.string() }),
    ),
    referrals: z.object({
      count: z.number(),
      withinTarget: z.number(),
      overTarget: z.number(),
      responses: z.array(
        z.object({
          id: z.uuid(),
          requestedAt: z.string(),
          responseMinutes: z.number(),
          targetMinutes: z.number(),
          withinTarget: z.boolean(),
        }),
      ),
    }),
    escalations: z.array(
      z.object({
        level: z.string(),
        subject: z.string(),
        details: z.record(z.string(), z.unknown()),
        createdAt: z.string(),
      }),
    ),
    renewals: z.array(
      z.object({ previousTermEnd: z.string(), newTermEnd: z.string(), renewedBy: z.string(), renewedAt: z.string() }),
    ),
    nextDeadlines: z.array(z.object({ what: z.string(), dueDate: z.string(), firesAt: z.string() })),
  })
  .openapi('Compliance');

export function registerComplianceRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const contracts = createContractService(deps);
  route({
    method: 'get',
    path: '/contracts/:id/compliance',
    summary:
      'Per-period met/missed, visits per month, meetings, open requests and action items, ' +
      'referral times, escalations, next deadlines',
    tag: 'obligations',
    // An evaluator reads the record of a contract it was assigned to evaluate (visibility scopes it), its evidence.
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    params: IdParams,
    response: { status: 200, schema: ComplianceSchema, description: 'The compliance record' },
    problems: [404],
    handler: async ({ user, params }) => complianceOf(deps, await contracts.visibleContract(user, params.id)),
  });
}
