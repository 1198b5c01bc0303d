import { findVisitByKey, insertVisit, listVisits, Visit } from '../../../stores/visit-store';
import type { User } from '../../../stores/user-store';
import type { z } from '../../openapi';
import type { RecordVisitSchema } from './fact-schemas';
import { assertFactDate, FactService, HttpContext } from './fact-service';

export function createVisitService(facts: FactService) {
  return {
    record: (ctx: HttpContext & { body: z.infer<typeof RecordVisitSchema> }): Promise<Visit> =>
      facts.create(ctx, {
        findByKey: findVisitByKey,
        check: (recording) => assertFactDate(recording, 'visitDate', ctx.body.visitDate),
        insert: (tx, { contract, user }, id, idempotency) =>
          insertVisit(tx, { id, contractId: contract.id, recordedBy: user.id, ...ctx.body }, idempotency),
        audit: (visit) => ({ action: 'visit.recorded', details: { visitId: visit.id, visitDate: visit.visitDate } }),
      }),
    list: async (user: User, contractId: string): Promise<Visit[]> =>
      listVisits(facts.db, (await facts.readable(user, contractId)).id),
  };
}
