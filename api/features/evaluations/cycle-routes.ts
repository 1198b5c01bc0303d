import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDateOf } from '../../../domain/calendar';
import { cycleProgress, EvaluationCycle, insertCycle, listCycles } from '../../../stores/evaluation-store';
import { effectivePolicy, findRegion } from '../../../stores/region-store';
import { cycleInput, evaluationCycleWorkflowId } from '../../../workflows/evaluation-messages';
import { processSearchAttributes } from '../../../domain/search-attributes';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { z } from '../../openapi';
import { ProblemError } from '../../problem';
import { IdParams, respondWith, type defineRoutes } from '../../route';
import { createVisibility } from '../../visibility';
import { registerAuditRoute } from '../audit/audit-routes';
import { CycleSchema, LaunchCycleSchema } from './evaluation-schemas';

async function present(deps: ApiDeps, cycle: EvaluationCycle) {
  const progress = await cycleProgress(deps.db, cycle.id);
  return {
    id: cycle.id,
    workflowId: evaluationCycleWorkflowId(cycle.id),
    regionCode: cycle.regionCode,
    half: cycle.half,
    deadline: cycle.deadline,
    status: cycle.status,
    createdAt: cycle.createdAt,
    fanOutCompletedAt: cycle.fanOutCompletedAt,
    closedAt: cycle.closedAt,
    progress: { inScope: cycle.contractsInScope ?? progress.inScope, assigned: progress.assigned, scored: progress.graded, graded: progress.graded, overdue: progress.overdue, byOrganization: progress.byOrganization },
    ...(cycle.status === 'closed' ? { gradeDistribution: progress.grades, report: cycle.report } : {}),
  };
}

export function registerCycleRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  route({
    method: 'post',
    path: '/evaluation-cycles',
    summary: "Launch a region's twice-yearly third-party evaluation cycle; launching the same half again starts nothing new",
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    body: LaunchCycleSchema,
    response: { status: 201, schema: CycleSchema, description: 'The cycle, launched' },
    alsoResponds: [{ status: 200, description: 'The half was already launched in this region: the existing cycle, nothing started' }],
    problems: [422],
    handler: async ({ user, body, res }) => {
      const region = await findRegion(deps.db, body.regionCode);
      if (!region) throw new ProblemError('unknown-reference', `regionCode: no region ${body.regionCode}`);
      assertRegulates(user, body.regionCode);
      const policy = effectivePolicy(region);
      const deadline = body.deadline ?? addDays(shanghaiDateOf(Date.now()), policy.evaluation.deadlineDays);
      const { cycle, created } = await deps.db.transaction(async (tx) => {
        const result = await insertCycle(tx, { id: randomUUID(), regionCode: body.regionCode, half: body.half, deadline, launchedBy: user.id, policy });
        if (result.created) {
          await deps.temporal.workflow.start('evaluationCycleWorkflow', {
            workflowId: evaluationCycleWorkflowId(result.cycle.id),
            taskQueue: deps.taskQueue,
            args: [cycleInput(result.cycle)],
            typedSearchAttributes: processSearchAttributes({ kind: 'evaluation-cycle', status: 'running', regionCode: body.regionCode }),
          });
        }
        return result;
      });
      if (!created) respondWith(res, 200);
      return present(deps, cycle);
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
    handler: async ({ user, params }) => {
      return present(deps, await visibility.cycle(user, params.id));
    },
  });

  registerAuditRoute(route, deps, { path: '/evaluation-cycles/:id/audit', tag: 'evaluations', entity: 'evaluation cycle', entityType: 'evaluation-cycle', roles: ['admin', 'regulator'], params: IdParams, visibleId: async (user, { id }) => (await visibility.cycle(user, id)).id });

  route({
    method: 'get',
    path: '/regions/:code/evaluation-cycles',
    summary: "A region's cycles",
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    params: z.object({ code: z.string() }),
    response: { status: 200, schema: z.object({ items: z.array(CycleSchema) }), description: 'Cycles' },
    problems: [404],
    handler: async ({ user, params }) => {
      await visibility.region(user, params.code);
      assertRegulates(user, params.code);
      return { items: await Promise.all((await listCycles(deps.db, params.code)).map((c) => present(deps, c))) };
    },
  });
}
