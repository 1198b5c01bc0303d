import { randomUUID } from 'node:crypto';
import { apiClient, sampleTerms, seedRegion } from '../scripts/api-client';
import type { LocalStack } from '../scripts/local-stack';

export type Seed = Awaited<ReturnType<typeof seedRegion>>;

/** Region CYCLE with three evaluator organisations and N active contracts, written straight to the table. */
export async function seedCycleRegion(stack: LocalStack, contracts: number, page: number) {
  const call = apiClient(stack.apiUrl);
  const seed = await seedRegion(call, stack.adminToken, 'CYCLE', { evaluation: { fanOutPageSize: page } });
  for (const name of ['Org One', 'Org Two', 'Org Three']) {
    const org = await call('POST', '/evaluator-organizations', seed.regulator.token, { regionCode: 'CYCLE', name });
    await call('POST', '/users', seed.regulator.token, {
      name: `${name} lead`,
      email: `${name.replace(' ', '').toLowerCase()}@bench.local`,
      role: 'evaluator',
      evaluatorOrganizationId: org.id,
      locale: 'en',
    });
  }
  // The fan-out is what is measured, not drafting.
  const template = contractRow(seed);
  for (let i = 0; i < contracts; i += 1000) {
    await stack
      .db('contracts')
      .insert(Array.from({ length: Math.min(1000, contracts - i) }, () => ({ ...template, id: randomUUID() })));
  }
  return { call, seed };
}

function contractRow(seed: Seed) {
  const now = new Date().toISOString();
  return {
    region_code: 'CYCLE',
    medical_institution_id: seed.hospital.id,
    care_institution_id: seed.home.id,
    medical_liaison_user_id: seed.hospitalLiaison.user.id,
    care_liaison_user_id: seed.homeLiaison.user.id,
    status: 'active',
    terms: JSON.stringify(sampleTerms),
    term_start: '2026-01-01',
    term_end: '2028-12-31',
    policy: JSON.stringify({}),
    policy_version: 1,
    signing_deadline: now,
    clock_anchor: now,
    drafted_by: seed.regulator.user.id,
  };
}
