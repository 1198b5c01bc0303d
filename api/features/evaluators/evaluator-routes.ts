import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { answerAsReplay } from '../../idempotency';
import { z } from '../../openapi';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { appendAudit } from '../../../stores/audit-store';
import { declareRelation, insertOrganization, listOrganizationsWhere } from '../../../stores/evaluator-store';
import { findInstitution } from '../../../stores/institution-store';
import { findRegion } from '../../../stores/region-store';
import { createVisibility, listScope } from '../../visibility';
import { registerAuditRoute } from '../audit/audit-routes';

export const CreateEvaluatorOrganizationSchema = z
  .object({
    regionCode: z.string().min(1).max(32).describe('the region whose regulator entrusts the organization'),
    name: z.string().trim().min(1).max(300),
  })
  .strict()
  .openapi('CreateEvaluatorOrganization');

export const EvaluatorOrganizationSchema = z.object({ id: z.uuid(), regionCode: z.string(), name: z.string(), createdAt: z.string() }).openapi('EvaluatorOrganization');

export const DeclareRelationSchema = z
  .object({
    institutionId: z.uuid(),
    relation: z.string().trim().min(1).max(500).describe('how the two are related, e.g. "shareholder", "same parent group"'),
  })
  .strict()
  .openapi('DeclareEvaluatorRelation');

export const EvaluatorRelationSchema = z.object({ organizationId: z.uuid(), institutionId: z.uuid(), relation: z.string(), declaredAt: z.string() }).openapi('EvaluatorRelation');

const ListQuery = z.object({ regionCode: z.string().min(1).max(32).optional() });

export function registerEvaluatorRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  route({
    method: 'post',
    path: '/evaluator-organizations',
    summary: 'Entrust a third-party evaluator organization with evaluations in a region',
    tag: 'evaluators',
    roles: ['admin', 'regulator'],
    body: CreateEvaluatorOrganizationSchema,
    response: { status: 201, schema: EvaluatorOrganizationSchema, description: 'The organization' },
    problems: [409, 422],
    handler: async ({ body, user }) =>
      deps.db.transaction(async (tx) => {
        if (!(await findRegion(tx, body.regionCode))) throw new ProblemError('unknown-reference', `regionCode: no region ${body.regionCode}`);
        assertRegulates(user, body.regionCode);
        const organization = await insertOrganization(tx, body);
        if (!organization) throw new ProblemError('conflict', `an evaluator organization named "${body.name}" already exists in region ${body.regionCode}`);
        await appendAudit(tx, { actorUserId: user.id, actor: `user:${user.id}`, action: 'evaluator-organization.created', entityType: 'evaluator-organization', entityId: organization.id, details: { ...body } });
        return organization;
      }),
  });

  route({
    method: 'get',
    path: '/evaluator-organizations',
    summary: "Evaluator organizations: a regulator's regions, or an evaluator's own organization",
    tag: 'evaluators',
    roles: ['admin', 'regulator', 'evaluator'],
    query: ListQuery,
    response: { status: 200, schema: z.object({ items: z.array(EvaluatorOrganizationSchema) }), description: 'Organizations by region and name' },
    handler: async ({ user, query }) => {
      const visible = await listOrganizationsWhere(deps.db, listScope.organizations(await visibility.scopeOf(user)));
      return { items: visible.filter((o) => !query.regionCode || o.regionCode === query.regionCode) };
    },
  });

  registerAuditRoute(route, deps, {
    path: '/evaluator-organizations/:id/audit',
    tag: 'evaluators',
    entity: 'evaluator organization',
    entityType: 'evaluator-organization',
    roles: ['admin', 'regulator', 'evaluator'],
    params: IdParams,
    visibleId: async (user, { id }) => (await visibility.organization(user, id)).id,
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
    handler: async ({ params, body, user, res }) =>
      deps.db.transaction(async (tx) => {
        const organization = await visibility.organization(user, params.id);
        assertRegulates(user, organization.regionCode);
        if (!(await findInstitution(tx, body.institutionId))) throw new ProblemError('unknown-reference', `institutionId: no institution ${body.institutionId}`);
        const { relation, created } = await declareRelation(tx, { organizationId: organization.id, ...body });
        if (!created) {
          answerAsReplay(res);
          return relation;
        }
        await appendAudit(tx, { actorUserId: user.id, actor: `user:${user.id}`, action: 'evaluator-organization.relation-declared', entityType: 'evaluator-organization', entityId: organization.id, details: { ...body } });
        return relation;
      }),
  });
}
