import type { Evaluation } from '../../../stores/evaluation-store';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { PageQuery, pageFrom, pageOf } from '../../pagination';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { registerAuditRoute } from '../audit/audit-routes';
import { createEvaluationService } from './evaluation-service';
import { EvaluationSchema, ScoresSchema } from './evaluation-schemas';

const present = ({ organizationId, ...e }: Evaluation) => ({ ...e, organizationId });

export function registerEvaluationRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const evaluations = createEvaluationService(deps);

  route({
    method: 'get',
    path: '/evaluations',
    summary:
      "An evaluator's assignments (its organization's), " +
      "or a cycle's evaluations for its regulator (who must name the cycle)",
    tag: 'evaluations',
    roles: ['admin', 'regulator', 'evaluator'],
    query: z
      .object({
        cycleId: z
          .uuid()
          .optional()
          .describe(
            'required for admin and regulator tokens (400 without it); ' +
              'an evaluator may leave it out to list all its assignments',
          ),
        status: z.enum(['assigned', 'graded']).optional(),
        ...PageQuery,
      })
      .strict(),
    response: { status: 200, schema: pageOf(EvaluationSchema), description: 'Evaluations, soonest deadline first' },
    problems: [404],
    handler: async ({ user, query }) => {
      const page = pageFrom(await evaluations.listPage(user, query), query.limit);
      return { ...page, items: page.items.map(({ name: _deadline, ...e }) => present(e)) };
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
    handler: async ({ user, params }) => present(await evaluations.visible(user, params.id)),
  });

  registerAuditRoute(route, deps, {
    path: '/evaluations/:id/audit',
    tag: 'evaluations',
    entity: 'evaluation',
    entityType: 'evaluation',
    roles: ['admin', 'regulator', 'evaluator', 'party', 'liaison'],
    params: IdParams,
    visibleId: async (user, { id }) => (await evaluations.visible(user, id)).id,
  });

  route({
    method: 'post',
    path: '/evaluations/:id/scores',
    summary: 'Submit on-site scores (assigned evaluator only): three dimensions 0–100 with indicators and comments',
    tag: 'evaluations',
    roles: ['evaluator'],
    params: IdParams,
    body: ScoresSchema,
    response: {
      status: 200,
      schema: z.object({
        evaluationId: z.uuid(),
        status: z.string(),
        grade: z.string().optional(),
        weightedScore: z.number().optional(),
        rectificationId: z.string().optional(),
      }),
      description: 'The grade',
    },
    problems: [404, 409, 422],
    responseHeaders: [
      {
        status: 409,
        name: 'Retry-After',
        description: 'seconds to wait when the evaluation is still being set up (evaluation-not-ready)',
      },
    ],
    handler: async ({ user, params, body, res }) => {
      const view = await evaluations.submitScores(user, params.id, body).catch((error) => {
        if (error instanceof ProblemError && error.type === 'evaluation-not-ready') res.set('Retry-After', '2');
        throw error;
      });
      return {
        evaluationId: view.evaluationId,
        status: view.status,
        grade: view.grade,
        weightedScore: view.weightedScore,
        rectificationId: view.rectificationId,
      };
    },
  });
}
