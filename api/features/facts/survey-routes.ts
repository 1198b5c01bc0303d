import { findSurveyByKey, insertSurvey, listSurveys } from '../../../stores/survey-store';
import { IdParams, type defineRoutes } from '../../route';
import { listOf, RecordSurveySchema, SurveySchema } from './fact-schemas';
import { anyRole, assertFactDate, FactService } from './fact-service';

export function registerSurveyRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  route({
    method: 'post',
    path: '/contracts/:id/surveys',
    summary: 'Record a service-demand survey of the residents (Idempotency-Key honoured)',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RecordSurveySchema,
    response: { status: 201, schema: SurveySchema, description: 'The recorded survey (200 when replayed for the same Idempotency-Key)' },
    idempotent: true,
    problems: [404, 409, 422],
    handler: (ctx) =>
      facts.create(ctx, {
        findByKey: findSurveyByKey,
        check: (recording) => assertFactDate(recording, 'surveyDate', ctx.body.surveyDate),
        insert: (tx, { contract, user }, id, idempotency) => insertSurvey(tx, { id, contractId: contract.id, recordedBy: user.id, ...ctx.body }, idempotency),
        audit: (survey) => ({ action: 'survey.recorded', details: { surveyId: survey.id, surveyDate: survey.surveyDate } }),
      }),
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
    handler: async ({ user, params }) => ({ items: await listSurveys(facts.db, (await facts.readable(user, params.id)).id) }),
  });
}
