import { findReferralByKey, insertReferral, listReferrals, Referral } from '../../../stores/referral-store';
import { IdParams, type defineRoutes } from '../../route';
import { listOf, RecordReferralSchema, ReferralSchema } from './fact-schemas';
import { anyRole, assertFactInstant, FactService } from './fact-service';

const present = (referral: Referral) => ({ ...referral, responseMinutes: Math.round(referral.responseSeconds / 6) / 10 });

export function registerReferralRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  route({
    method: 'post',
    path: '/contracts/:id/referrals',
    summary: 'Record an emergency referral and its response time against the policy target (Idempotency-Key honoured)',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RecordReferralSchema,
    response: { status: 201, schema: ReferralSchema, description: 'The recorded referral (200 when replayed for the same Idempotency-Key)' },
    idempotent: true,
    problems: [404, 409, 422],
    handler: async (ctx) => {
      const referral = await facts.create(ctx, {
        findByKey: findReferralByKey,
        check: (recording) => {
          assertFactInstant(recording, 'requestedAt', ctx.body.requestedAt);
          assertFactInstant(recording, 'respondedAt', ctx.body.respondedAt);
        },
        insert: (tx, { contract, user }, id, idempotency) => {
          const responseSeconds = Math.round((Date.parse(ctx.body.respondedAt) - Date.parse(ctx.body.requestedAt)) / 1000);
          const targetMinutes = contract.policy.obligations.referralResponseTargetMinutes;
          return insertReferral(
            tx,
            { id, contractId: contract.id, recordedBy: user.id, ...ctx.body, responseSeconds, targetMinutes, withinTarget: responseSeconds <= targetMinutes * 60 },
            idempotency,
          );
        },
        audit: (r) => ({ action: 'referral.recorded', details: { referralId: r.id, responseSeconds: r.responseSeconds, withinTarget: r.withinTarget } }),
      });
      return present(referral);
    },
  });

  route({
    method: 'get',
    path: '/contracts/:id/referrals',
    summary: 'Emergency referrals recorded on a contract, by request time',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    response: { status: 200, schema: listOf(ReferralSchema), description: 'Referrals, oldest first' },
    problems: [404],
    handler: async ({ user, params }) => ({ items: (await listReferrals(facts.db, (await facts.readable(user, params.id)).id)).map(present) }),
  });
}
