/** A minimal client for driving a CarePact API from scripts (benchmarks, demos). */
export function apiClient(baseUrl: string) {
  return async function call(method: string, route: string, token: string, body?: unknown): Promise<any> {
    const res = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${route} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** A region with a regulator, a hospital and a nursing home with their liaison and party users. */
export async function seedRegion(
  call: ReturnType<typeof apiClient>,
  adminToken: string,
  code: string,
  policy: Record<string, unknown>,
) {
  await call('POST', '/regions', adminToken, { code, name: `Region ${code}`, remote: false, policy });
  const regulator = await call('POST', '/users', adminToken, {
    name: 'Regulator',
    email: `regulator-${code}@bench.local`,
    role: 'regulator',
    regionCodes: [code],
    locale: 'zh-CN',
  });
  const hospital = await call('POST', '/institutions', regulator.token, {
    kind: 'medical',
    regionCode: code,
    name: `Hospital ${code}`,
    medical: { level: 'secondary', type: 'hospital' },
  });
  const home = await call('POST', '/institutions', regulator.token, {
    kind: 'elderly_care',
    regionCode: code,
    name: `Home ${code}`,
    care: { ownership: 'public', beds: 100, residents: 80 },
  });
  const user = (institutionId: string, role: string, tag: string) =>
    call('POST', '/users', regulator.token, {
      name: `${role} ${tag}`,
      email: `${role}-${tag}-${code}@bench.local`.toLowerCase(),
      role,
      institutionId,
      locale: 'en',
    });
  return {
    regulator,
    hospital,
    home,
    hospitalLiaison: await user(hospital.id, 'liaison', 'h'),
    homeLiaison: await user(home.id, 'liaison', 'c'),
    hospitalParty: await user(hospital.id, 'party', 'h'),
    homeParty: await user(home.id, 'party', 'c'),
  };
}

/** A complete standardized agreement (12 items in 3 categories) for demos and benchmarks. */
export const sampleTerms = {
  visitFrequency: {
    homeVisitsPerMonth: 1,
    chronicDiseaseReexamsPerQuarter: 1,
    emergencyReferralResponseMinutes: 15,
    healthTalksPerYear: 2,
  },
  serviceItems: {
    basicMedical: { included: true, description: 'basic medical care' },
    rehabilitationNursing: { included: true, description: 'rehabilitation nursing' },
    emergencyReferral: { included: true, description: 'emergency referral' },
    healthRecords: { included: true, description: 'health records' },
  },
  charging: {
    basicServiceFeeFen: 2000,
    chronicFollowUpFeeFen: 1500,
    valueAddedPricing: 'market',
    settlementCycle: 'quarterly',
  },
  liability: [{ party: 'shared', matter: 'as agreed' }],
  disputeProcedure: 'mediation by the district health commission',
};

/**
 * An active contract's row between the seeded hospital and nursing home, for writing thousands straight to
 * the table (bench:cycle, the cluster drills): there the fan-out is measured or broken, not drafting.
 */
export function activeContractRow(seed: Awaited<ReturnType<typeof seedRegion>>, regionCode: string) {
  const now = new Date().toISOString();
  return {
    region_code: regionCode,
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
