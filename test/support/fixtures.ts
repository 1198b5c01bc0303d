import { randomUUID } from 'node:crypto';
import type { TestStack } from './stack';
import { termFromToday } from './term-dates';

/** What the fixtures use of a stack: the API and the admin's token (a TestStack, or a local stack's adapter). */
export type ApiStack = Pick<TestStack, 'call' | 'adminToken'>;

/**
 * An agreement promising what the default policy required before agreements were enforced (one
 * visit a month, a quarterly meeting, a yearly survey, referrals in 15 minutes; no re-examinations
 * or health talks), so tests about other matters see the obligations they always saw.
 */
export const agreementTerms = {
  visitFrequency: {
    homeVisitsPerMonth: 1,
    chronicDiseaseReexamsPerQuarter: 0,
    emergencyReferralResponseMinutes: 15,
    healthTalksPerYear: 0,
  },
  serviceItems: {
    basicMedical: { included: true, description: '基本医疗：巡诊、慢病随访' },
    rehabilitationNursing: { included: true, description: '康复护理指导' },
    emergencyReferral: { included: true, description: '急诊转诊绿色通道，15 分钟响应' },
    healthRecords: { included: true, description: '健康档案管理' },
  },
  charging: {
    basicServiceFeeFen: 2000,
    chronicFollowUpFeeFen: 1500,
    valueAddedPricing: 'market',
    settlementCycle: 'quarterly',
  },
  liability: [
    { party: 'medical', matter: 'Medical quality and malpractice during visits' },
    { party: 'care', matter: 'Daily care and safety of residents' },
  ],
  disputeProcedure:
    'Negotiation between liaison officers within 10 working days, then mediation by the district health commission.',
};

export interface Party {
  institutionId: string;
  partyToken: string;
  liaisonId: string;
  liaisonToken: string;
  liaisonEmail: string;
}

export interface World {
  regionCode: string;
  regulatorToken: string;
  regulatorEmail: string;
  medical: Party;
  care: Party;
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as any;
}

async function createUser(stack: ApiStack, token: string, user: Record<string, unknown>) {
  return expectStatus(await stack.call('POST', '/users', { token, body: user }), 201, `create user ${user.email}`);
}

export async function createParty(
  stack: ApiStack,
  regulatorToken: string,
  regionCode: string,
  kind: 'medical' | 'elderly_care',
  name: string,
  locale: 'zh-CN' | 'en',
): Promise<Party> {
  const details =
    kind === 'medical'
      ? { medical: { level: 'secondary', type: 'hospital' } }
      : { care: { ownership: 'public', beds: 120, residents: 96 } };
  const institution = expectStatus(
    await stack.call('POST', '/institutions', { token: regulatorToken, body: { kind, regionCode, name, ...details } }),
    201,
    `create ${name}`,
  );
  const tag = randomUUID().slice(0, 8);
  const party = await createUser(stack, regulatorToken, {
    name: `${name} office`,
    email: `party-${tag}@example.test`,
    role: 'party',
    institutionId: institution.id,
    locale,
  });
  const liaisonEmail = `liaison-${tag}@example.test`;
  const liaison = await createUser(stack, regulatorToken, {
    name: `${name} liaison`,
    email: liaisonEmail,
    role: 'liaison',
    institutionId: institution.id,
    locale,
  });
  return {
    institutionId: institution.id,
    partyToken: party.token,
    liaisonId: liaison.user.id,
    liaisonToken: liaison.token,
    liaisonEmail,
  };
}

/** A region with a regulator, a hospital (English mail) and a nursing home (Chinese mail), through the API. */
export async function createWorld(stack: ApiStack, policy: Record<string, unknown> = {}): Promise<World> {
  const regionCode = `R${randomUUID().slice(0, 6)}`;
  expectStatus(
    await stack.call('POST', '/regions', {
      token: stack.adminToken,
      body: { code: regionCode, name: `测试区 ${regionCode}`, remote: false, policy },
    }),
    201,
    'create region',
  );
  const regulatorEmail = `regulator-${regionCode.toLowerCase()}@example.test`;
  const regulator = await createUser(stack, stack.adminToken, {
    name: 'District regulator',
    email: regulatorEmail,
    role: 'regulator',
    regionCodes: [regionCode],
    locale: 'zh-CN',
  });
  const medical = await createParty(
    stack,
    regulator.token,
    regionCode,
    'medical',
    `Central Hospital ${regionCode}`,
    'en',
  );
  const care = await createParty(
    stack,
    regulator.token,
    regionCode,
    'elderly_care',
    `幸福养老院 ${regionCode}`,
    'zh-CN',
  );
  return { regionCode, regulatorToken: regulator.token, regulatorEmail, medical, care };
}

/**
 * The term of a contract drafted without one: three calendar years from the next 1 January, so
 * obligations begin after the test has set the contract up (at real time) and its end is years
 * away, whatever today's date.
 */
export const defaultTerm = termFromToday({ startsOn: 'year', headStartDays: 1, months: 36 });

export function contractBody(world: World, overrides: Record<string, unknown> = {}) {
  return {
    medicalInstitutionId: world.medical.institutionId,
    careInstitutionId: world.care.institutionId,
    medicalLiaisonUserId: world.medical.liaisonId,
    careLiaisonUserId: world.care.liaisonId,
    termStart: defaultTerm.termStart,
    termEnd: defaultTerm.termEnd,
    terms: agreementTerms,
    ...overrides,
  };
}

export async function draftContract(stack: ApiStack, world: World, overrides: Record<string, unknown> = {}) {
  return expectStatus(
    await stack.call('POST', '/contracts', { token: world.regulatorToken, body: contractBody(world, overrides) }),
    201,
    'draft contract',
  );
}

/** A contract both parties have signed, so it is active and accepts facts. */
export async function activeContract(stack: ApiStack, world: World, overrides: Record<string, unknown> = {}) {
  const contract = await draftContract(stack, world, overrides);
  expectStatus(
    await stack.call('POST', `/contracts/${contract.id}/signatures`, { token: world.medical.partyToken }),
    201,
    'medical signature',
  );
  const process = expectStatus(
    await stack.call('POST', `/contracts/${contract.id}/signatures`, { token: world.care.partyToken }),
    201,
    'care signature',
  );
  if (process.status !== 'active')
    throw new Error(`contract ${contract.id} is ${process.status} after both signatures, not active`);
  return { ...contract, status: 'active' };
}

export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
