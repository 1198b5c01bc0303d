import { randomUUID } from 'node:crypto';
import { activeContractRow, apiClient, seedRegion } from '../scripts/api-client';
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
  const template = activeContractRow(seed, 'CYCLE');
  for (let i = 0; i < contracts; i += 1000) {
    await stack
      .db('contracts')
      .insert(Array.from({ length: Math.min(1000, contracts - i) }, () => ({ ...template, id: randomUUID() })));
  }
  return { call, seed };
}
