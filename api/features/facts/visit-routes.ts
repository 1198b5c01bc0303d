import { IdParams, type defineRoutes } from '../../route';
import { listOf, RecordVisitSchema, VisitSchema } from './fact-schemas';
import { FactService, anyRole } from './fact-service';
import { createVisitService } from './visit-service';

export function registerVisitRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  const visits = createVisitService(facts);
  route({
    method: 'post',
    path: '/contracts/:id/visits',
    summary:
      'Record a home visit by the medical side (Idempotency-Key honoured: a retry returns the first record with 200)',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RecordVisitSchema,
    response: {
      status: 201,
      schema: VisitSchema,
      description: 'The recorded visit (200 when replayed for the same Idempotency-Key)',
    },
    idempotent: true,
    problems: [404, 409, 422],
    handler: (ctx) => visits.record(ctx),
  });

  route({
    method: 'get',
    path: '/contracts/:id/visits',
    summary: 'Home visits recorded on a contract, by date',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    response: { status: 200, schema: listOf(VisitSchema), description: 'Visits, oldest first' },
    problems: [404],
    handler: async ({ user, params }) => ({ items: await visits.list(user, params.id) }),
  });
}
