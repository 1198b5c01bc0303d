import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { IdParams, respondWith, type defineRoutes } from '../../route';
import { registerAuditRoute } from '../audit/audit-routes';
import { createCycleService } from './cycle-service';
import { CycleSchema, LaunchCycleSchema } from './evaluation-schemas';

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
