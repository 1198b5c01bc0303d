import { z } from '../../openapi';
import { AgreementTermsSchema } from '../../schemas/agreement-schema';

export const TemplateVersionParams = z.object({
  code: z.string().regex(/^[A-Za-z0-9-]{2,32}$/),
  version: z.coerce.number().int().min(1).max(1_000_000),
});

export const PublishTemplateSchema = z
  .object({
    terms: AgreementTermsSchema.describe(
      'the standard terms: defaults for the 12 items, the liability list and the dispute procedure',
    ),
    note: z.string().trim().min(1).max(4000).optional().describe('what changed from the previous version, and why'),
  })
  .strict()
  .openapi('PublishAgreementTemplate');

export const AgreementTemplateSchema = z
  .object({
    regionCode: z.string(),
    version: z.number().int().describe('1 for the first published, then n + 1; a published version never changes'),
    terms: AgreementTermsSchema,
    note: z.string().optional(),
    publishedBy: z.uuid(),
    publishedAt: z.string(),
  })
  .openapi('AgreementTemplate');

export const TermDeviationSchema = z
  .object({
    path: z.string().describe("dotted path in the terms, list positions as numbers, e.g. 'liability.1.matter'"),
    template: z.unknown().describe("the template's value (null: the template has no such item)"),
    agreed: z.unknown().describe('the agreed value (null: the contract has no such item)'),
  })
  .openapi('TermDeviation');

export const ContractTemplateSchema = z
  .object({
    regionCode: z.string(),
    version: z.number().int(),
    deviations: z.array(TermDeviationSchema).describe('every item where the agreed terms differ from the template'),
  })
  .describe('the agreement template the draft started from, and how the agreed terms deviate from it')
  .openapi('ContractTemplate');
