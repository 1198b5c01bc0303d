import type { ApiDeps } from '../../api-deps';
import { answerAsReplay } from '../../idempotency';
import { z } from '../../openapi';
import { IdParams, type defineRoutes } from '../../route';
import { registerAuditRoute } from '../audit/audit-routes';
import { createEvaluatorService } from './evaluator-service';

export const CreateEvaluatorOrganizationSchema = z
  .object({
    regionCode: z.string().min(1).max(32).describe('the region whose regulator entrusts the organization'),
    name: z.string().trim().min(1).max(300),
  })
  .strict()
  .openapi('CreateEvaluatorOrganization');

export const EvaluatorOrganizationSchema = z
  .object({ id: z.uuid(), regionCode: z.string(), name: z.string(), createdAt: z.string() })
  .openapi('EvaluatorOrganization');

export const DeclareRelationSchema = z
  .object({
    institutionId: z.uuid(),
    relation: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .describe('how the two are related, e.g. "shareholder", "same parent group"'),
  })
  .strict()
  .openapi('DeclareEvaluatorRelation');

export const EvaluatorRelationSchema = z
  .object({ organizationId: z.uuid(), institutionId: z.uuid(), relation: z.string(), declaredAt: z.string() })
  .openapi('EvaluatorRelation');

const ListQuery = z.object({ regionCode: z.string().min(1).max(32).optional() });

export function registerEvaluatorRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const evaluators = createEvaluatorService(deps);
  route({
    method: 'post',
    path: '/evaluator-organizations',
    summary: 'Entrust a third-party evaluator organization with evaluations in a region',
    tag: 'evaluators',
    roles: ['admin', 'regulator'],
    body: CreateEvaluatorOrganizationSchema,
    response: { status: 201, schema: EvaluatorOrganizationSchema, description: 'The organization' },
    problems: [409, 422],
    handler: async ({ body, user }) => evaluators.createOrganization(user, body),
  });

  route({
    method: 'get',
    path: '/evaluator-organizations',
    summary: "Evaluator organizations: a regulator's regions, or an evaluator's own organization",
    tag: 'evaluators',
    roles: ['admin', 'regulator', 'evaluator'],
    query: ListQuery,
    response: {
      status: 200,
      schema: z.object({ items: z.array(EvaluatorOrganizationSchema) }),
      description: 'Organizations by region and name',
    },
    handler: async ({ user, query }) => ({ items: await evaluators.list(user, query.regionCode) }),
  });

  registerAuditRoute(route, deps, {
    path: '/evaluator-organizations/:id/audit',
    tag: 'evaluators',
    entity: 'evaluator organization',
    entityType: 'evaluator-organization',
    roles: ['admin', 'regulator', 'evaluator'],
    params: IdParams,
    visibleId: async (user, { id }) => (await evaluators.visible(user, id)).id,
  });

  route({
    method: 'post',
    path: '/evaluator-organizations/:id/relations',
    summary: 'Declare a conflict of interest: the organization will never evaluate contracts of this institution',
    tag: 'evaluators',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: DeclareRelationSchema,
    response: { status: 201, schema: EvaluatorRelationSchema, description: 'The declared relation' },
    alsoResponds: [{ status: 200, description: 'The pair was already declared: the first declaration, unchanged' }],
    problems: [404, 422],
    handler: async ({ params, body, user, res }) => {
      const { relation, created } = await evaluators.declareConflict(user, params.id, body);
      if (!created) answerAsReplay(res);
      return relation;
    },
  });

  route({
    method: 'get',
    path: '/evaluator-organizations/:id/relations',
    summary: "An evaluator organization's declared conflicts of interest: institutions it will never evaluate",
    tag: 'evaluators',
    roles: ['admin', 'regulator', 'evaluator'],
    params: IdParams,
    response: {
      status: 200,
      schema: z.object({ items: z.array(EvaluatorRelationSchema) }),
      description: 'Declared relations, oldest first',
    },
    problems: [404],
    handler: async ({ params, user }) => ({ items: await evaluators.relations(user, params.id) }),
  });
}
