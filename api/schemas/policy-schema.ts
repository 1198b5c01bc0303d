import { DeepPartial, Policy, resolvePolicy, revocationReaches } from '../../domain/policy';
import { policyBounds, policyViolations } from '../../domain/policy-rules';
import { z } from '../openapi';
import { ProblemError } from '../problem';

// Shape and type only: ranges and cross-field rules live in domain/policy-rules.ts, so one 422
// lists every broken rule. The bounds still reach the OpenAPI document as documentation.
type Range = { readonly min: number; readonly max: number };
const number = ({ min, max }: Range) => z.number().openapi({ minimum: min, maximum: max });
const whole = ({ min, max }: Range) => z.number().openapi({ type: 'integer', minimum: min, maximum: max });
const days = whole(policyBounds.days);
const dayList = z.array(days).openapi({ maxItems: policyBounds.reminderCount.max });
const factorBp = whole(policyBounds.factorBp);
const weight = z.number().openapi({ minimum: 0 });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A region's overrides of the default policy (domain/policy.ts): every field optional, no field unknown. */
export const PolicyOverridesSchema = z
  .object({
    timeScale: number(policyBounds.timeScale),
    signing: z.object({ windowDays: days, reminderLeadDays: days }).partial().strict(),
    obligations: z
      .object({
        visitsPerMonth: whole(policyBounds.visitsPerMonth),
        meetingPeriod: z.enum(['month', 'quarter']),
        reminderLeadDays: z
          .object({ visit: days, meeting: days, survey: days, actionItem: days, request: days })
          .partial()
          .strict(),
        requestAnswerWorkingDays: days,
        referralResponseTargetMinutes: number(policyBounds.referralResponseTargetMinutes),
        renewalReminderDays: days,
        escalation: z
          .object({
            warnAfterMisses: whole(policyBounds.escalationMisses),
            notifyRegulatorAfterConsecutiveMisses: whole(policyBounds.escalationMisses),
          })
          .partial()
          .strict(),
      })
      .partial()
      .strict(),
    agreementFloors: z
      .object({
        homeVisitsPerMonth: whole(policyBounds.floorCount),
        chronicDiseaseReexamsPerQuarter: whole(policyBounds.floorCount),
        healthTalksPerYear: whole(policyBounds.floorCount),
        monthlyMeetings: whole(policyBounds.floorCount),
        quarterlyMeetings: whole(policyBounds.floorCount),
        demandSurveysPerYear: whole(policyBounds.floorCount),
        maxEmergencyReferralResponseMinutes: whole(policyBounds.referralResponseTargetMinutes),
      })
      .partial()
      .strict()
      .describe('the least an agreement drafted in the region may promise; a draft below a floor is refused'),
    evaluation: z
      .object({
        weights: z
          .object({ serviceQuality: weight, satisfaction: weight, cooperation: weight })
          .partial()
          .strict()
          .describe('each at least 0, summing to more than 0'),
        thresholds: z
          .object({ excellent: number(policyBounds.score), qualified: number(policyBounds.score) })
          .partial()
          .strict()
          .describe('Excellent above Qualified, Qualified above 0'),
        scheduleMonths: z.array(whole({ min: 1, max: 12 })).openapi({ minItems: 1, maxItems: 12 }),
        deadlineDays: days,
        reminderDaysBefore: dayList.describe('each fewer days than deadlineDays'),
        fanOutPageSize: whole(policyBounds.fanOutPageSize),
        consistencyMaxDeviation: number(policyBounds.score),
        consistencyMinScores: whole(policyBounds.consistencyMinScores),
        modelPriorityGrades: z.array(z.enum(['excellent', 'qualified', 'unqualified'])).max(3),
      })
      .partial()
      .strict(),
    rectification: z
      .object({
        deadlineDays: days,
        reminderDaysBefore: dayList.describe('each fewer days than deadlineDays'),
        maxExtensions: whole(policyBounds.maxExtensions),
        extensionDays: days,
        representationsDays: days,
        planOfCorrectionDays: days.describe('at most deadlineDays: the plan comes before the evidence'),
      })
      .partial()
      .strict(),
    subsidy: z
      .object({
        // 000_… §3.3: 120–200 yuan per person per year.
        baseRateFenPerResident: whole(policyBounds.baseRateFenPerResident),
        privateForProfitFactorBp: factorBp,
        remoteDistrictFactorBp: factorBp,
        gradeFactorBp: z
          .object({ excellent: factorBp, qualified: factorBp, unqualified: factorBp })
          .partial()
          .strict()
          .describe('Excellent ≥ Qualified ≥ Unqualified'),
      })
      .partial()
      .strict(),
    workingDays: z
      .object({ holidays: z.array(localDate), makeupWorkdays: z.array(localDate) })
      .partial()
      .strict(),
    capacity: z
      .object({ maxHomeVisitsPerStaffPerMonth: whole(policyBounds.visitsPerStaffPerMonth) })
      .partial()
      .strict(),
    approval: z
      .object({
        required: z.boolean().describe('two signatures make the contract pending-approval until a regulator decides'),
        decisionDays: days,
        reminderDaysBefore: dayList.describe('each fewer days than decisionDays'),
        onNoDecision: z
          .enum(['deemed-approved', 'escalate'])
          .describe('what an undecided deadline brings: activation, or an overdue notice while it stays pending'),
      })
      .partial()
      .strict(),
    renewal: z
      .object({
        countersignDays: days.describe('days the other side has to countersign a renewal proposal'),
        reminderLeadDays: days.describe('fewer than countersignDays'),
      })
      .partial()
      .strict(),
    revocation: z
      .object({
        reach: z.enum(revocationReaches),
        representationsReminderDaysBefore: dayList.describe('each fewer days than rectification.representationsDays'),
      })
      .partial()
      .strict(),
    desk: z
      .object({
        yellowDueWithinDays: days.describe('an open rectification order due within this many days shows yellow'),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict()
  .openapi('PolicyOverrides');

/**
 * The one check before a policy is stored: the overrides laid over the defaults must keep every
 * rule of domain/policy-rules.ts. `at` is where the overrides sit in the request (e.g. body.policy).
 */
export function assertSoundPolicy(overrides: DeepPartial<Policy>, at: string): void {
  const violations = policyViolations(resolvePolicy(overrides));
  if (violations.length === 0) return;
  const errors = violations.map((v) => ({ path: `${at}.${v.path}`, message: v.message }));
  throw new ProblemError('policy-invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}
