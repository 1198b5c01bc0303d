import { approvalDecisions } from '../../../domain/contract-approval';
import { renewalProposalStatuses } from '../../../domain/renewal-proposal';
import { z } from '../../openapi';
import { AgreementTermsSchema } from '../../schemas/agreement-schema';

const localDate = z.iso.date().describe('calendar date in Asia/Shanghai, YYYY-MM-DD');

export const ApprovalDecisionSchema = z
  .object({
    decision: z.enum(approvalDecisions).describe('approve: the contract takes effect; return: back to draft'),
    reasons: z
      .string()
      .trim()
      .max(4000)
      .optional()
      .describe('required to return: what the parties must change before signing again'),
  })
  .strict()
  .openapi('ApprovalDecision');

export const ApprovalRoundSchema = z
  .object({
    round: z.number().int().describe('1 for the first two signatures; each return opens the next'),
    requestedAt: z.string().optional().describe("when the regulators' notice left the outbox"),
    decisionDeadline: localDate.optional().describe('the last day to decide'),
    outcome: z.enum(['approved', 'returned', 'deemed-approved']).optional(),
    reasons: z.string().optional(),
    decidedBy: z.uuid().optional(),
    decidedAt: z.string().optional(),
    voidedSignatures: z.array(z.unknown()).optional().describe('the signatures a return voided'),
    newSigningDeadline: z.string().optional(),
  })
  .openapi('ApprovalRound');

export const RenewalProposalInputSchema = z
  .object({
    termEnd: localDate.describe('the proposed new last day of the term'),
    terms: AgreementTermsSchema.optional().describe('changed agreement terms, if the renewal changes them'),
  })
  .strict()
  .openapi('RenewalProposalInput');

export const RenewalDeclineSchema = z
  .object({ reason: z.string().trim().max(4000).optional() })
  .strict()
  .openapi('RenewalDecline');

export const RenewalProposalSchema = z
  .object({
    id: z.uuid(),
    contractId: z.uuid(),
    side: z.enum(['medical', 'care']).describe('the side that proposed it'),
    institutionId: z.uuid(),
    proposedBy: z.uuid(),
    previousTermEnd: localDate,
    termEnd: localDate,
    terms: AgreementTermsSchema.optional(),
    countersignDeadline: localDate.describe(
      "the other side's last day to countersign; never past the current term end",
    ),
    status: z.enum(renewalProposalStatuses),
    answeredBy: z.uuid().optional(),
    answeredAt: z.string().optional(),
    reason: z.string().optional(),
    createdAt: z.string(),
  })
  .openapi('RenewalProposal');

export const ProposalParams = z.object({ id: z.uuid(), proposalId: z.uuid() });
