import type { Referral } from '../../../stores/referral-store';
import { IdParams, type defineRoutes } from '../../route';
import { listOf, RecordReferralSchema, ReferralSchema } from './fact-schemas';
import { anyRole, FactService } from './fact-service';
import { createReferralService } from './referral-service';

const present = (referral: Referral) => ({
  ...referral,
  responseMinutes: Math.round(referral.responseSeconds / 6) / 10,
});

export function registerReferralRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  const referrals = createReferralService(facts);
  route({
    method: 'post',
    path: '/contracts/:id/referrals',
    summary:
      "Record an emergency referral and its response time against the contract's agreed minutes (Idempotency-Key honoured)",
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RecordReferralSchema,
    response: {
      status: 201,
      schema: ReferralSchema,
      description: 'The recorded referral (200 when replayed for the same Idempotency-Key)',
    },
    idempotent: true,
    problems: [404, 409, 422],
    handler: async (ctx) => present(await referrals.record(ctx)),
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
    handler: async ({ user, params }) => ({ items: (await referrals.list(user, params.id)).map(present) }),
  });
}
