import { findSurveyByKey, insertSurvey, listSurveys, Survey } from '../../../stores/survey-store';
import type { User } from '../../../stores/user-store';
import type { z } from '../../openapi';
import type { RecordSurveySchema } from './fact-schemas';
import { assertFactDate, FactService, HttpContext } from './fact-service';

export function createSurveyService(facts: FactService) {
  return {
    record: (ctx: HttpContext & { body: z.infer<typeof RecordSurveySchema> }): Promise<Survey> =>
      facts.create(ctx, {
        findByKey: findSurveyByKey,
        check: (recording) => assertFactDate(recording, 'surveyDate', ctx.body.surveyDate),
        insert: (tx, { contract, user }, id, idempotency) =>
          insertSurvey(tx, { id, contractId: contract.id, recordedBy: user.id, ...ctx.body }, idempotency),
        audit: (survey) => ({
          action: 'survey.recorded',
          details: { surveyId: survey.id, surveyDate: survey.surveyDate },
        }),
      }),
    list: async (user: User, contractId: string): Promise<Survey[]> =>
      listSurveys(facts.db, (await facts.readable(user, contractId)).id),
  };
}
