import { findHealthTalkByKey, HealthTalk, insertHealthTalk, listHealthTalks } from '../../../stores/health-talk-store';
import type { User } from '../../../stores/user-store';
import type { z } from '../../openapi';
import type { RecordHealthTalkSchema } from './fact-schemas';
import { assertFactDate, FactService, HttpContext } from './fact-service';

/** Health talks count towards the agreed number a year; the workflow reads them when the year closes. */
export function createHealthTalkService(facts: FactService) {
  return {
    record: (ctx: HttpContext & { body: z.infer<typeof RecordHealthTalkSchema> }): Promise<HealthTalk> =>
      facts.create(ctx, {
        findByKey: findHealthTalkByKey,
        check: (recording) => assertFactDate(recording, 'talkDate', ctx.body.talkDate),
        insert: (tx, { contract, user }, id, idempotency) =>
          insertHealthTalk(tx, { id, contractId: contract.id, recordedBy: user.id, ...ctx.body }, idempotency),
        audit: (talk) => ({
          action: 'health-talk.recorded',
          details: { healthTalkId: talk.id, talkDate: talk.talkDate, attendees: talk.attendees },
        }),
      }),
    list: async (user: User, contractId: string): Promise<HealthTalk[]> =>
      listHealthTalks(facts.db, (await facts.readable(user, contractId)).id),
  };
}
