import { contractStatuses } from '../../../domain/contract';
import { lights } from '../../../domain/contract-lights';
import { cite } from '../../../domain/sources';
import { z } from '../../openapi';
import { AgreementTermsSchema } from '../../schemas/agreement-schema';
import { ContractTemplateSchema } from '../agreement-templates/template-schemas';
import { CapacityWarningSchema } from '../capacity/capacity-schemas';
import { check, checks } from '../../checks';

const localDate = z.iso.date().describe('calendar date in Asia/Shanghai, YYYY-MM-DD');

export const CreateContractSchema = z
  .object({
    medicalInstitutionId: z.uuid(),
    careInstitutionId: z.uuid(),
    medicalLiaisonUserId: z
      .uuid()
      .describe("the medical institution's liaison officer (a liaison user of that institution)"),
    careLiaisonUserId: z.uuid().describe("the elderly-care institution's liaison officer"),
    termStart: localDate,
    termEnd: localDate,
    terms: AgreementTermsSchema.optional().describe(
      "the agreed terms in full; may be omitted with templateVersion (then they are that template's)",
    ),
    templateVersion: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        "the region's agreement template version the draft starts from (GET /regions/{code}/agreement-templates)",
      ),
  })
  .strict()
  .refine((c) => c.termEnd > c.termStart, check(checks.afterTermStart, 'termEnd must be after termStart', ['termEnd']))
  .refine(
    (c) => c.terms !== undefined || c.templateVersion !== undefined,
    check(checks.termsOrTemplate, 'terms are required unless templateVersion names the template they come from', [
      'terms',
    ]),
  )
  .openapi('CreateContract');

export const TerminationSchema = z
  .object({ reason: z.string().trim().min(1, 'a reason is required').max(4000) })
  .strict()
  .openapi('Termination');

const SignatureSchema = z.object({
  side: z.enum(['medical', 'care']),
  institutionId: z.uuid(),
  userId: z.uuid(),
  signedAt: z.string(),
});

export const ContractSchema = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    regionCode: z.string(),
    medicalInstitutionId: z.uuid(),
    careInstitutionId: z.uuid(),
    medicalLiaisonUserId: z.uuid(),
    careLiaisonUserId: z.uuid(),
    status: z.enum(contractStatuses),
    terms: AgreementTermsSchema,
    termStart: z.string(),
    termEnd: z.string(),
    policyVersion: z.number().int(),
    policyTimeScale: z
      .number()
      .describe("1 in production; N > 1 runs this contract's policy calendar N times faster (demos, tests)"),
    clockAnchor: z.string().describe('the instant policy time starts from'),
    policyToday: z
      .string()
      .describe("the contract's calendar day now (Asia/Shanghai) by its policy clock: the latest day a fact may bear"),
    signingDeadline: z.string(),
    signatures: z.array(SignatureSchema),
    draftedBy: z.uuid().describe('the user who drafted it'),
    createdAt: z.string(),
    updatedAt: z.string(),
    activatedAt: z.string().optional(),
    closedAt: z.string().optional(),
    closeReason: z.string().optional(),
    lastGrade: z
      .enum(['excellent', 'qualified', 'unqualified'])
      .optional()
      .describe('grade of the latest third-party evaluation'),
    lastEvaluationId: z.uuid().optional(),
    gradeSubsidyFactorBp: z
      .number()
      .int()
      .optional()
      .describe('subsidy factor of that grade, basis points (13000 = ×1.3)'),
    modelPriority: z
      .boolean()
      .describe(`Excellent: priority in model establishment (${cite('chongqingContracting', '3.3')})`),
    template: ContractTemplateSchema.optional(),
    capacityWarning: CapacityWarningSchema.optional(),
  })
  .openapi('Contract');

export const ContractProcessSchema = z
  .object({
    contractId: z.uuid(),
    status: z.enum(contractStatuses),
    signingDeadline: z.string(),
    signatures: z.array(SignatureSchema),
    expiresAt: z.string().optional(),
    termEnd: z.string().optional(),
    policyVersion: z.number().optional(),
    nextDeadlines: z.array(z.object({ what: z.string(), dueDate: z.string(), firesAt: z.string() })).optional(),
    compliance: z
      .object({
        consecutiveMisses: z.record(z.string(), z.number().int()),
        totalMisses: z.record(z.string(), z.number().int()),
        periodsClosed: z.number().int(),
      })
      .optional()
      .describe('missed obligations (visit, meeting, survey) as the workflow counts them'),
    approval: z
      .object({ round: z.number().int(), deadline: z.string().optional() })
      .optional()
      .describe("while pending approval: the round and the last day for the regulator's decision"),
    renewalProposal: z
      .object({
        proposalId: z.uuid(),
        side: z.enum(['medical', 'care']),
        termEnd: z.string(),
        countersignDeadline: z.string(),
        hasTerms: z.boolean(),
      })
      .optional()
      .describe('the open renewal proposal awaiting the other side'),
  })
  .openapi('ContractProcess');

export const ContractListQuery = z.object({
  status: z.enum(contractStatuses).optional(),
  light: z
    .enum(lights)
    .optional()
    .describe("only contracts with this light over the dashboard's default window (GET /regions/{code}/dashboard)"),
  institutionId: z.uuid().optional().describe('only contracts this institution is a party to'),
  q: z.string().min(1).max(200).optional().describe("text searched in both institutions' names"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
