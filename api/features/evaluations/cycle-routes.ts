import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { PageQuery, pageOf } from '../../pagination';
import { IdParams, respondWith, type defineRoutes } from '../../route';
import { registerAuditRoute } from '../audit/audit-routes';
import { createCycleService } from './cycle-service';
import { CycleReportSchema, CycleSchema, LaunchCycleSchema, OverdueEvaluationSchema } from './evaluation-schemas';

export function registerCycleRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const cycles = createCycleService(deps);
  route({
    method: 'post',
    path: '/evaluation-cycles',
    summary:
      "Launch a region's twice-yearly third-party evaluation cycle; launching the same half again starts nothing new",
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    body: LaunchCycleSchema,
    response: { status: 201, schema: CycleSchema, description: 'The cycle, launched' },
    alsoResponds: [
      { status: 200, description: 'The half was already launched in this region: the existing cycle, nothing started' },
    ],
    problems: [422],
    handler: async ({ user, body, res }) => {
      const { cycle, created } = await cycles.launch(user, body);
      if (!created) respondWith(res, 200);
      return cycle;
    },
  });

  route({
    method: 'get',
    path: '/evaluation-cycles/:id',
    summary: 'Live progress of a cycle; when closed, its grade distribution and evaluator-consistency report',
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    params: IdParams,
    response: { status: 200, schema: CycleSchema, description: 'The cycle' },
    problems: [404],
    handler: async ({ user, params }) => cycles.view(await cycles.visible(user, params.id)),
  });

  route({
    method: 'get',
    path: '/evaluation-cycles/:id/report',
    summary:
      "A cycle's report so far: its grade distribution, and each evaluator organization's mean score against the " +
      "region's, flagged when it deviates beyond the cycle's policy (consistencyMaxDeviation, once it has graded " +
      'consistencyMinScores evaluations)',
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    params: IdParams,
    response: { status: 200, schema: CycleReportSchema, description: 'The report' },
    problems: [404],
    handler: async ({ user, params }) => cycles.report(await cycles.visible(user, params.id)),
  });

  route({
    method: 'get',
    path: '/evaluation-cycles/:id/overdue-evaluations',
    summary:
      "A cycle's evaluations still unscored past their deadline, oldest deadline first, with evaluator and contract",
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    params: IdParams,
    query: z.object(PageQuery).strict(),
    response: { status: 200, schema: pageOf(OverdueEvaluationSchema), description: 'Overdue evaluations' },
    problems: [404],
    handler: async ({ user, params, query }) => cycles.overdue(await cycles.visible(user, params.id), query),
  });

  registerAuditRoute(route, deps, {
    path: '/evaluation-cycles/:id/audit',
    tag: 'evaluations',
    entity: 'evaluation cycle',
    entityType: 'evaluation-cycle',
    roles: ['admin', 'regulator'],
    params: IdParams,
    visibleId: async (user, { id }) => (await cycles.visible(user, id)).id,
  });

  route({
    method: 'get',
    path: '/regions/:code/evaluation-cycles',
    summary: "A region's cycles",
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    params: z.object({ code: z.string() }),
    response: { status: 200, schema: z.object({ items: z.array(CycleSchema) }), description: 'Cycles' },
    problems: [404],
    handler: async ({ user, params }) => ({ items: await cycles.listOfRegion(user, params.code) }),
  });
}
