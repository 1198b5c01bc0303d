import { Evaluation, listCycleEvaluations, listEvaluationsForOrganization } from '../../../stores/evaluation-store';
import { submitScoresUpdate, workflowIdOfEvaluation } from '../../../workflows/evaluation-messages';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { runWorkflowCommand } from '../../workflow-errors';
import { createVisibility } from '../../visibility';
import { registerAuditRoute } from '../audit/audit-routes';
import { EvaluationSchema, ScoresSchema } from './evaluation-schemas';

const present = ({ organizationId, ...e }: Evaluation) => ({ ...e, organizationId });

export function registerEvaluationRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const visibleEvaluation = async (user: Parameters<typeof visibility.evaluation>[0], id: string) => (await visibility.evaluation(user, id)).evaluation;

  route({
    method: 'get',
    path: '/evaluations',
    summary: "An evaluator's assignments (its organization's), or a cycle's evaluations for its regulator (who must name the cycle)",
    tag: 'evaluations',
    roles: ['admin', 'regulator', 'evaluator'],
    query: z.object({ cycleId: z.uuid().optional().describe('required for admin and regulator tokens (400 without it); an evaluator may leave it out to list all its assignments'), status: z.enum(['assigned', 'graded']).optional() }),
    response: { status: 200, schema: z.object({ items: z.array(EvaluationSchema) }), description: 'Evaluations' },
    problems: [404],
    handler: async ({ user, query }) => {
      if (user.role === 'evaluator') {
        const mine = await listEvaluationsForOrganization(deps.db, user.evaluatorOrganizationId!, query.status);
        return { items: mine.filter((e) => !query.cycleId || e.cycleId === query.cycleId).map(present) };
      }
      if (!query.cycleId) throw new ProblemError('validation-failed', 'query.cycleId: required for regulators');
      const cycle = await visibility.cycle(user, query.cycleId);
      const items = await listCycleEvaluations(deps.db, cycle.id);
      return { items: items.filter((e) => !query.status || e.status === query.status).map(present) };
    },
  });

  route({
    method: 'get',
    path: '/evaluations/:id',
    summary: 'One evaluation with its evidence (the obligation record), scores and grade',
    tag: 'evaluations',
    roles: ['admin', 'regulator', 'evaluator', 'party', 'liaison'],
    params: IdParams,
    response: { status: 200, schema: EvaluationSchema, description: 'The evaluation' },
    problems: [404],
    handler: async ({ user, params }) => present(await visibleEvaluation(user, params.id)),
  });

  registerAuditRoute(route, deps, { path: '/evaluations/:id/audit', tag: 'evaluations', entity: 'evaluation', entityType: 'evaluation', roles: ['admin', 'regulator', 'evaluator', 'party', 'liaison'], params: IdParams, visibleId: async (user, { id }) => (await visibleEvaluation(user, id)).id });

  route({
    method: 'post',
    path: '/evaluations/:id/scores',
    summary: 'Submit on-site scores (assigned evaluator only): three dimensions 0–100 with indicators and comments',
    tag: 'evaluations',
    roles: ['evaluator'],
    params: IdParams,
    body: ScoresSchema,
    response: { status: 200, schema: z.object({ evaluationId: z.uuid(), status: z.string(), grade: z.string().optional(), weightedScore: z.number().optional(), rectificationId: z.string().optional() }), description: 'The grade' },
    problems: [404, 409, 422],
    responseHeaders: [{ status: 409, name: 'Retry-After', description: 'seconds to wait when the evaluation is still being set up (evaluation-not-ready)' }],
    handler: async ({ user, params, body, res }) => {
      const evaluation = await visibleEvaluation(user, params.id);
      // Once graded the evaluation's workflow may have finished; the record answers for it.
      if (evaluation.status === 'graded') throw new ProblemError('already-graded', 'scores for this evaluation have already been submitted');
      const view = await runWorkflowCommand(
        () => deps.temporal.workflow.getHandle(workflowIdOfEvaluation(evaluation)).executeUpdate(submitScoresUpdate, { args: [{ scores: body, userId: user.id, organizationId: user.evaluatorOrganizationId! }] }),
        'the evaluation is closed',
      ).catch((error) => {
        // An assigned evaluation whose process has not started yet (its cycle is still fanning out).
        if (error instanceof ProblemError && error.type === 'contract-closed') {
          res.set('Retry-After', '2');
          throw new ProblemError('evaluation-not-ready', 'the evaluation is still being set up; retry in a few seconds');
        }
        throw error;
      });
      return { evaluationId: view.evaluationId, status: view.status, grade: view.grade, weightedScore: view.weightedScore, rectificationId: view.rectificationId };
    },
  });
}
