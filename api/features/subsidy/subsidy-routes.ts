import { grades } from '../../../domain/grading';
import type { ApiDeps } from '../../api-deps';
import { cite } from '../../../domain/sources';
import { z } from '../../openapi';
import { IdParams, type defineRoutes } from '../../route';
import { createSubsidyService } from './subsidy-service';
import { check, checks } from '../../checks';

const SubsidyQuery = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, 'a 4-digit year')
    .transform(Number)
    .refine((year) => year >= 2000 && year <= 2100, check(checks.yearInRange, 'between 2000 and 2100'))
    .openapi({ type: 'string', pattern: '^\\d{4}$', example: '2027', description: 'the subsidy year, 2000–2100' }),
});

export const SubsidyBreakdownSchema = z
  .object({
    contractId: z.uuid(),
    year: z.number().int(),
    regionCode: z.string(),
    careInstitutionId: z.uuid(),
    grade: z
      .enum(grades)
      .nullable()
      .describe(
        'the grade the year goes by: for a year that is over, the last grade given by its end; ' +
          'otherwise the current one; null before the first evaluation',
      ),
    policyVersion: z.number().int().describe("the contract's policy snapshot the rates come from"),
    residents: z.number().int(),
    baseRateFenPerResident: z.number().int(),
    factors: z.array(
      z.object({
        name: z.enum(['private-for-profit', 'remote-district', 'grade']),
        bp: z.number().int().describe('multiplier in basis points, 10000 = ×1.0'),
        applied: z.boolean(),
        source: z.string().describe('the rule, cited by document title and section, and how this policy sets it'),
      }),
    ),
    totalFen: z.number().int(),
    totalYuan: z.string().openapi({ example: '11520.00' }),
  })
  .openapi('SubsidyBreakdown');

export function registerSubsidyRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const subsidies = createSubsidyService(deps);

  route({
    method: 'get',
    path: '/contracts/:id/subsidy',
    summary:
      `The contract's annual subsidy (${cite('chongqingContracting', '3.3')}) with every factor: ` +
      "the home's current residents, and the last grade given by the end of that year " +
      '(the current grade for a year not over)',
    tag: 'contracts',
    roles: ['admin', 'regulator', 'liaison', 'party'],
    params: IdParams,
    query: SubsidyQuery,
    response: { status: 200, schema: SubsidyBreakdownSchema, description: 'The subsidy in fen and yuan' },
    problems: [404],
    handler: async ({ user, params, query }) => subsidies.annual(user, params.id, query.year),
  });
}
