import { IdParams, type defineRoutes } from '../../route';
import { HealthTalkSchema, listOf, RecordHealthTalkSchema } from './fact-schemas';
import { anyRole, FactService } from './fact-service';
import { createHealthTalkService } from './health-talk-service';

export function registerHealthTalkRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  const talks = createHealthTalkService(facts);
  route({
    method: 'post',
    path: '/contracts/:id/health-talks',
    summary: 'Record a health talk given to the residents (Idempotency-Key honoured)',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RecordHealthTalkSchema,
    response: {
      status: 201,
      schema: HealthTalkSchema,
      description: 'The recorded health talk (200 when replayed for the same Idempotency-Key)',
    },
    idempotent: true,
    problems: [404, 409, 422],
    handler: (ctx) => talks.record(ctx),
  });

  route({
    method: 'get',
    path: '/contracts/:id/health-talks',
    summary: 'Health talks recorded on a contract, by date',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    response: { status: 200, schema: listOf(HealthTalkSchema), description: 'Health talks, oldest first' },
    problems: [404],
    handler: async ({ user, params }) => ({ items: await talks.list(user, params.id) }),
  });
}
