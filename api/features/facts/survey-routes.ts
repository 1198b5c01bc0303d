import { IdParams, type defineRoutes } from '../../route';
import { listOf, RecordSurveySchema, SurveySchema } from './fact-schemas';
import { anyRole, FactService } from './fact-service';
import { createSurveyService } from './survey-service';

export function registerSurveyRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  const surveys = createSurveyService(facts);
  route({
    method: 'post',
    path: '/contracts/:id/surveys',
    summary: 'Record a service-demand survey of the residents (Idempotency-Key honoured)',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RecordSurveySchema,
    response: {
      status: 201,
      schema: SurveySchema,
      description: 'The recorded survey (200 when replayed for the same Idempotency-Key)',
    },
    idempotent: true,
    problems: [404, 409, 422],
    handler: (ctx) => surveys.record(ctx),
  });

  route({
    method: 'get',
    path: '/contracts/:id/surveys',
    summary: 'Service-demand surveys recorded on a contract, by date',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    response: { status: 200, schema: listOf(SurveySchema), description: 'Surveys, oldest first' },
    problems: [404],
    handler: async ({ user, params }) => ({ items: await surveys.list(user, params.id) }),
  });
}
