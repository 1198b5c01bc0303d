import { responsibleSides } from '../../../domain/rectification-findings';
import { z } from '../../openapi';

const localDate = z.iso.date();

export const LaunchCycleSchema = z
  .object({
    regionCode: z.string().min(1),
    half: z.string().regex(/^\d{4}-H[12]$/, 'a half-year like 2026-H2'),
    deadline: localDate.optional().describe('last day for scores; default: today + the policy deadline (30 days)'),
  })
  .strict()
  .openapi('LaunchEvaluationCycle');

const Dimension = z
  .object({
    score: z.number().min(0, 'scores run from 0 to 100').max(100, 'scores run from 0 to 100'),
    indicators: z.array(z.object({ name: z.string().min(1), score: z.number().min(0).max(100) })).min(1),
    comments: z.string().max(20000),
  })
  .strict();

const text = (max: number) => z.string().trim().min(1).max(max);

/** One finding as an evaluator or a regulator writes it (issue 12 item 3). */
export const FindingInputSchema = z
  .object({
    indicator: text(200).describe('the indicator or obligation found wanting'),
    problem: text(20000).describe('what is wrong'),
    requiredCorrection: text(20000).describe('the correction required'),
    responsibleSide: z.enum(responsibleSides).describe("who must correct it: 'both' lets either side act"),
  })
  .strict()
  .openapi('FindingInput');

export const ScoresSchema = z
  .object({
    serviceQuality: Dimension,
    satisfaction: Dimension,
    cooperation: Dimension,
    onsiteDate: localDate,
    findings: z
      .union([z.string().min(1).max(100000), z.array(FindingInputSchema).min(1).max(100)])
      .describe(
        'A list of findings, each with the side responsible for correcting it (an Unqualified grade orders each ' +
          'to be corrected with its own plan, evidence and review); a free text still gives one overall finding',
      ),
  })
  .strict()
  .openapi('EvaluationScores');

export const CycleSchema = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    regionCode: z.string(),
    half: z.string(),
    deadline: z.string(),
    status: z.enum(['running', 'closed']),
    createdAt: z.string(),
    fanOutCompletedAt: z.string().optional(),
    closedAt: z.string().optional(),
    progress: z.object({
      inScope: z.number(),
      assigned: z.number(),
      scored: z.number(),
      graded: z.number(),
      overdue: z.number(),
      byOrganization: z.array(
        z.object({ organizationId: z.string(), assigned: z.number(), graded: z.number(), overdue: z.number() }),
      ),
    }),
    gradeDistribution: z.record(z.string(), z.number()).optional(),
    report: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('EvaluationCycle');

export const EvaluationSchema = z
  .object({
    id: z.uuid(),
    cycleId: z.uuid().optional(),
    contractId: z.uuid(),
    kind: z.enum(['regular', 're-evaluation']),
    organizationId: z.uuid(),
    status: z.enum(['assigned', 'graded']),
    deadline: z.string(),
    overdue: z.boolean(),
    evidence: z.record(z.string(), z.unknown()),
    scores: z.record(z.string(), z.unknown()).optional(),
    onsiteDate: z.string().optional(),
    findings: z.string().optional(),
    weightedScore: z.number().optional(),
    grade: z.string().optional(),
    policyVersion: z.number().optional(),
    submittedBy: z.uuid().optional().describe('the evaluator who submitted the scores'),
    submittedAt: z.string().optional(),
    gradedAt: z.string().optional(),
  })
  .openapi('Evaluation');

export const CycleReportSchema = z
  .object({
    cycleId: z.uuid(),
    status: z.enum(['running', 'closed']),
    graded: z.number().int(),
    distribution: z.object({ excellent: z.number().int(), qualified: z.number().int(), unqualified: z.number().int() }),
    consistency: z.object({
      maxDeviation: z.number().describe("the policy's consistencyMaxDeviation: a larger |deviation| is flagged"),
      minScores: z.number().int().describe("the policy's consistencyMinScores: organizations with fewer are left out"),
      organizations: z.array(
        z.object({
          organizationId: z.uuid(),
          organizationName: z.string(),
          graded: z.number().int(),
          mean: z.number(),
          regionMean: z.number(),
          deviation: z.number().describe('signed: positive when the organization scores more leniently'),
          flagged: z.boolean(),
        }),
      ),
    }),
  })
  .openapi('EvaluationCycleReport');

export const OverdueEvaluationSchema = z
  .object({
    id: z.uuid(),
    contractId: z.uuid(),
    organizationId: z.uuid().describe('the evaluator organization assigned'),
    organizationName: z.string(),
    careInstitutionName: z.string(),
    medicalInstitutionName: z.string(),
    deadline: z.string(),
  })
  .openapi('OverdueEvaluation');
