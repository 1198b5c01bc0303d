import { findReferralByKey, insertReferral, listReferrals, Referral } from '../../../stores/referral-store';
import type { User } from '../../../stores/user-store';
import type { z } from '../../openapi';
import type { RecordReferralSchema } from './fact-schemas';
import { assertFactInstant, FactService, HttpContext } from './fact-service';

export function createReferralService(facts: FactService) {
  return {
    /** The response time is judged against the minutes the contract agreed (issue 12), not the policy's. */
    record: (ctx: HttpContext & { body: z.infer<typeof RecordReferralSchema> }): Promise<Referral> =>
      facts.create(ctx, {
        findByKey: findReferralByKey,
        check: (recording) => {
          assertFactInstant(recording, 'requestedAt', ctx.body.requestedAt);
          assertFactInstant(recording, 'respondedAt', ctx.body.respondedAt);
        },
        insert: (tx, { contract, user }, id, idempotency) => {
          const responseSeconds = Math.round(
            (Date.parse(ctx.body.respondedAt) - Date.parse(ctx.body.requestedAt)) / 1000,
          );
          const targetMinutes = contract.terms.visitFrequency.emergencyReferralResponseMinutes;
          return insertReferral(
            tx,
            {
              id,
              contractId: contract.id,
              recordedBy: user.id,
              ...ctx.body,
              responseSeconds,
              targetMinutes,
              withinTarget: responseSeconds <= targetMinutes * 60,
            },
            idempotency,
          );
        },
        audit: (r) => ({
          action: 'referral.recorded',
          details: { referralId: r.id, responseSeconds: r.responseSeconds, withinTarget: r.withinTarget },
        }),
      }),
    list: async (user: User, contractId: string): Promise<Referral[]> =>
      listReferrals(facts.db, (await facts.readable(user, contractId)).id),
  };
}
