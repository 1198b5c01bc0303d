import { defaultCommunication } from '../../domain/agreement';
import { cite } from '../../domain/sources';
import { z } from '../openapi';

const count = (max: number) => z.number().int().min(0).max(max);
const serviceItem = z.object({ included: z.boolean(), description: z.string().min(1).max(4000) });
const fen = z.number().int().min(0).max(100_000_000).describe('integer fen (0.01 yuan)');

/** The 12 items of the standardized agreement in their 3 categories (domain/agreement.ts). */
export const AgreementTermsSchema = z
  .object({
    visitFrequency: z.object({
      homeVisitsPerMonth: count(31).min(1),
      chronicDiseaseReexamsPerQuarter: count(1000),
      emergencyReferralResponseMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
      healthTalksPerYear: count(365),
    }),
    communication: z
      .object({
        monthlyMeetings: count(31).describe('docking meetings a month'),
        quarterlyMeetings: count(93).describe('quarterly docking meetings a quarter'),
        demandSurveysPerYear: count(12).describe('service-demand surveys a year'),
      })
      .strict()
      .optional()
      .describe(
        'monthly and quarterly communication meetings and the annual service-demand survey the parties agree ' +
          `(${cite('chongqingContracting', '3.2')}); omitted: ${JSON.stringify(defaultCommunication)}`,
      ),
    serviceItems: z.object({
      basicMedical: serviceItem,
      rehabilitationNursing: serviceItem,
      emergencyReferral: serviceItem,
      healthRecords: serviceItem,
    }),
    charging: z.object({
      basicServiceFeeFen: fen,
      chronicFollowUpFeeFen: fen,
      valueAddedPricing: z.enum(['market', 'negotiated']),
      settlementCycle: z.enum(['monthly', 'quarterly']),
    }),
    liability: z
      .array(z.object({ party: z.enum(['medical', 'care', 'shared']), matter: z.string().min(1).max(2000) }))
      .min(1),
    disputeProcedure: z.string().min(1).max(20000),
  })
  .openapi('AgreementTerms');
