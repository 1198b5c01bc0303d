import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { PageQuery, pageFrom, pageOf } from '../../pagination';
import { IdParams, type defineRoutes } from '../../route';
import { registerAuditRoute } from '../audit/audit-routes';
import { createInstitutionService } from './institution-service';

const CommittedStaff = z
  .number()
  .int()
  .min(0)
  .max(100_000)
  .describe('medical staff committed to cooperation: the capacity check weighs agreed home visits against it');

const common = { regionCode: z.string().min(1).max(32), name: z.string().min(1).max(300) };

export const CreateInstitutionSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('medical'),
        ...common,
        medical: z
          .object({
            level: z.enum(['primary', 'secondary', 'tertiary']),
            type: z.enum(['hospital', 'community_health_centre', 'township_health_centre']),
            committedMedicalStaff: CommittedStaff.optional(),
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('elderly_care'),
        ...common,
        care: z
          .object({
            ownership: z.enum(['public', 'private_non_profit', 'private_for_profit']),
            beds: z.number().int().positive().max(100_000),
            residents: z.number().int().min(0).max(100_000),
          })
          .strict(),
      })
      .strict(),
  ])
  .openapi('CreateInstitution');

export const InstitutionSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    kind: z.enum(['medical', 'elderly_care']),
    name: z.string(),
    medical: z
      .object({ level: z.string(), type: z.string(), committedMedicalStaff: z.number().int().optional() })
      .optional(),
    care: z.object({ ownership: z.string(), beds: z.number(), residents: z.number() }).optional(),
    createdAt: z.string(),
  })
  .openapi('Institution');

const InstitutionListQuery = z
  .object({
    regionCode: z.string().min(1).max(32).optional(),
    kind: z.enum(['medical', 'elderly_care']).optional(),
    q: z.string().trim().min(1).max(200).optional().describe('text searched in the name'),
    ...PageQuery,
  })
  .strict();

export function registerInstitutionRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const institutions = createInstitutionService(deps);
  route({
    method: 'post',
    path: '/institutions',
    summary: 'Register a medical or elderly-care institution in a region',
    tag: 'institutions',
    roles: ['admin', 'regulator'],
    body: CreateInstitutionSchema,
    response: { status: 201, schema: InstitutionSchema, description: 'The institution' },
    problems: [409, 422],
    handler: async ({ body, user }) => institutions.register(user, body),
  });

  route({
    method: 'post',
    path: '/institutions/:id/reinstatement',
    summary:
      "Reinstate a medical institution's revoked cooperation qualification in a region (that region's regulator)",
    tag: 'institutions',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: z
      .object({ regionCode: z.string().min(1), reason: z.string().trim().min(1, 'a reason is required').max(4000) })
      .strict(),
    response: {
      status: 200,
      schema: z.object({ institutionId: z.uuid(), regionCode: z.string(), reinstated: z.boolean() }),
      description: 'The institution may sign contracts in the region again',
    },
    problems: [404, 409],
    handler: async ({ user, params, body }) => institutions.reinstate(user, params.id, body.regionCode, body.reason),
  });

  route({
    method: 'put',
    path: '/institutions/:id/committed-medical-staff',
    summary:
      'Declare the medical staff a medical institution commits to cooperation (null withdraws it: no capacity ' +
      "check then); the institution's regulator or an admin",
    tag: 'institutions',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: z.object({ committedMedicalStaff: CommittedStaff.nullable() }).strict(),
    response: { status: 200, schema: InstitutionSchema, description: 'The institution' },
    problems: [404, 422],
    handler: async ({ user, params, body }) =>
      institutions.declareCommittedStaff(user, params.id, body.committedMedicalStaff),
  });

  route({
    method: 'get',
    path: '/institutions/:id',
    summary: 'One institution',
    tag: 'institutions',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    params: IdParams,
    response: { status: 200, schema: InstitutionSchema, description: 'The institution' },
    problems: [404],
    handler: async ({ params, user }) => institutions.visible(user, params.id),
  });

  route({
    method: 'get',
    path: '/institutions',
    summary:
      "Institutions this token may see (a regulator's regions; a party's own and its counterparties; " +
      "an evaluator's assigned ones), by name, a page at a time",
    tag: 'institutions',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    query: InstitutionListQuery,
    response: { status: 200, schema: pageOf(InstitutionSchema), description: 'One page of institutions' },
    handler: async ({ user, query }) => pageFrom(await institutions.listPage(user, query), query.limit),
  });

  registerAuditRoute(route, deps, {
    path: '/institutions/:id/audit',
    tag: 'institutions',
    entity: 'institution',
    entityType: 'institution',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    params: IdParams,
    visibleId: async (user, { id }) => (await institutions.visible(user, id)).id,
  });
}
