import { findVisitByKey, insertVisit, listVisits } from '../../../stores/visit-store';
import { IdParams, type defineRoutes } from '../../route';
import { listOf, RecordVisitSchema, VisitSchema } from './fact-schemas';
import { assertFactDate, FactService, anyRole } from './fact-service';

export function registerVisitRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  route({
    method: 'post',
    path: '/contracts/:id/visits',
    summary: 'Record a home visit by the medical side (Idempotency-Key honoured: a retry returns the first record with 200)',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RecordVisitSchema,
    response: { status: 201, schema: VisitSchema, description: 'The recorded visit (200 when replayed for the same Idempotency-Key)' },
    idempotent: true,
    problems: [404, 409, 422],
    handler: (ctx) =>
      facts.create(ctx, {
        findByKey: findVisitByKey,
        check: (recording) => assertFactDate(recording, 'visitDate', ctx.body.visitDate),
        insert: (tx, { contract, user }, id, idempotency) => insertVisit(tx, { id, contractId: contract.id, recordedBy: user.id, ...ctx.body }, idempotency),
        audit: (visit) => ({ action: 'visit.recorded', details: { visitId: visit.id, visitDate: visit.visitDate } }),
      }),
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
    handler: async ({ user, params }) => ({ items: await listVisits(facts.db, (await facts.readable(user, params.id)).id) }),
  });
}
