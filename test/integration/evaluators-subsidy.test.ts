import { randomUUID } from 'node:crypto';
import { conflictedOrganizationIds, evaluatorsOf } from '../../stores/evaluator-store';
import { countRows } from '../support/db-counts';
import { agreementTerms, createWorld, draftContract, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;
let world: World;
let other: World;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
  other = await createWorld(stack);
});
afterAll(async () => stack?.stop());

/** Everything these endpoints could write, to prove a refused request wrote nothing. */
async function writes() {
  return {
    organizations: await countRows(stack.db, 'evaluator_organizations'),
    relations: await countRows(stack.db, 'evaluator_relations'),
    users: await countRows(stack.db, 'users'),
    tokens: await countRows(stack.db, 'api_tokens'),
    audit: await countRows(stack.db, 'audit_log'),
  };
}

async function expectProblem(
  request: () => Promise<{ status: number; contentType: string; body: any }>,
  status: number,
  type: string,
  detail?: RegExp,
) {
  const before = await writes();
  const res = await request();
  expect(res.status).toBe(status);
  expect(res.contentType).toContain('application/problem+json');
  expect(res.body.type).toBe(`/problems/${type}`);
  if (detail) expect(res.body.detail).toMatch(detail);
  expect(await writes()).toEqual(before);
}

async function created(res: { status: number; body: any }, what: string) {
  if (res.status !== 201) throw new Error(`${what}: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const newOrganization = async (token: string, regionCode: string, name = `第三方评估所 ${randomUUID().slice(0, 6)}`) =>
  created(
    await stack.call('POST', '/evaluator-organizations', { token, body: { regionCode, name } }),
    `organization ${name}`,
  );

const evaluatorBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'On-site evaluator',
  email: `evaluator-${randomUUID().slice(0, 8)}@example.test`,
  role: 'evaluator',
  locale: 'zh-CN',
  ...overrides,
});

describe('evaluator organizations', () => {
  /** An organization of each test's own, so no test depends on what another has entrusted. */
  let organization: { id: string; name: string };
  beforeEach(async () => {
    organization = await newOrganization(world.regulatorToken, world.regionCode);
  });

  it('a regulator entrusts an organization in its region', async () => {
    const res = await stack.call('POST', '/evaluator-organizations', {
      token: world.regulatorToken,
      body: { regionCode: world.regionCode, name: '  重庆卫康评估中心  ' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      regionCode: world.regionCode,
      name: '重庆卫康评估中心',
      createdAt: expect.any(String),
    });
    expect(await stack.db('evaluator_organizations').where({ id: res.body.id }).first()).toMatchObject({
      region_code: world.regionCode,
      name: '重庆卫康评估中心',
    });
    expect(
      await countRows(stack.db, 'audit_log', { action: 'evaluator-organization.created', entity_id: res.body.id }),
    ).toBe(1);
  });

  it('lists organizations by region for their regulators and the admin', async () => {
    // A region of its own, whose only organization is the one entrusted here.
    const region = await createWorld(stack);
    const own = await newOrganization(region.regulatorToken, region.regionCode);
    const inOther = await newOrganization(other.regulatorToken, other.regionCode);
    const mine = await stack.call('GET', `/evaluator-organizations?regionCode=${region.regionCode}`, {
      token: region.regulatorToken,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([own.id]);
    const unfiltered = await stack.call('GET', '/evaluator-organizations', { token: region.regulatorToken });
    expect(unfiltered.body.items.map((o: { id: string }) => o.id)).toEqual([own.id]);
    const all = await stack.call('GET', '/evaluator-organizations', { token: stack.adminToken });
    expect(all.body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([own.id, inOther.id]));
  });

  it.each([
    [
      'a duplicate name in the region',
      () => ({ token: world.regulatorToken, body: { regionCode: world.regionCode, name: organization.name } }),
      409,
      'conflict',
      /already exists/,
    ],
    [
      'an unknown region',
      () => ({ token: stack.adminToken, body: { regionCode: 'NOPE-REGION', name: 'Anyone' } }),
      422,
      'unknown-reference',
      /no region NOPE-REGION/,
    ],
    [
      "another region's regulator",
      () => ({ token: other.regulatorToken, body: { regionCode: world.regionCode, name: 'Sneaky assessors' } }),
      403,
      'forbidden',
      /do not supervise/,
    ],
    [
      'a party user',
      () => ({ token: world.care.partyToken, body: { regionCode: world.regionCode, name: 'Self-assessment' } }),
      403,
      'forbidden',
      /role party/,
    ],
    [
      'a blank name',
      () => ({ token: world.regulatorToken, body: { regionCode: world.regionCode, name: '   ' } }),
      400,
      'validation-failed',
      /body\.name/,
    ],
    [
      'an unknown field',
      () => ({ token: world.regulatorToken, body: { regionCode: world.regionCode, name: 'X', remote: true } }),
      400,
      'validation-failed',
      /remote/,
    ],
  ])('refuses %s', async (_name, request, status, type, detail) => {
    const { token, body } = request();
    await expectProblem(() => stack.call('POST', '/evaluator-organizations', { token, body }), status, type, detail);
  });

  it("lists none of another region's organizations to a regulator (a list is filtered, not refused)", async () => {
    const foreign = await stack.call('GET', `/evaluator-organizations?regionCode=${world.regionCode}`, {
      token: other.regulatorToken,
    });
    expect([foreign.status, foreign.body.items]).toEqual([200, []]);
    await expectProblem(
      () => stack.call('GET', '/evaluator-organizations', { token: world.medical.liaisonToken }),
      403,
      'forbidden',
    );
  });

  describe('conflict-of-interest relations', () => {
    it('declares a relation once; declaring the same pair again returns the first declaration', async () => {
      const path = `/evaluator-organizations/${organization.id}/relations`;
      const first = await stack.call('POST', path, {
        token: world.regulatorToken,
        body: { institutionId: world.care.institutionId, relation: 'shareholder' },
      });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        organizationId: organization.id,
        institutionId: world.care.institutionId,
        relation: 'shareholder',
        declaredAt: expect.any(String),
      });

      const before = await writes();
      const again = await stack.call('POST', path, {
        token: stack.adminToken,
        body: { institutionId: world.care.institutionId, relation: 'same parent group' },
      });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await writes()).toEqual(before);

      const conflicts = await conflictedOrganizationIds(stack.db, [
        world.care.institutionId,
        world.medical.institutionId,
      ]);
      expect(conflicts.get(world.care.institutionId)).toEqual(new Set([organization.id]));
      expect(conflicts.get(world.medical.institutionId)).toEqual(new Set());
      expect(await conflictedOrganizationIds(stack.db, [])).toEqual(new Map());
    });

    it.each([
      [
        'an unknown organization',
        () => ({
          id: UNKNOWN_ID,
          token: world.regulatorToken,
          body: { institutionId: world.medical.institutionId, relation: 'shareholder' },
        }),
        404,
        'not-found',
        /no evaluator organization/,
      ],
      [
        'an organization id that is not a uuid',
        () => ({
          id: '42',
          token: world.regulatorToken,
          body: { institutionId: world.medical.institutionId, relation: 'shareholder' },
        }),
        400,
        'validation-failed',
        /params\.id/,
      ],
      [
        "another region's regulator (the organization is as absent to it as an unknown one)",
        () => ({
          id: organization.id,
          token: other.regulatorToken,
          body: { institutionId: other.care.institutionId, relation: 'shareholder' },
        }),
        404,
        'not-found',
        /no evaluator organization/,
      ],
      [
        'an unknown institution',
        () => ({
          id: organization.id,
          token: world.regulatorToken,
          body: { institutionId: UNKNOWN_ID, relation: 'shareholder' },
        }),
        422,
        'unknown-reference',
        /no institution/,
      ],
      [
        'a blank relation',
        () => ({
          id: organization.id,
          token: world.regulatorToken,
          body: { institutionId: world.medical.institutionId, relation: ' ' },
        }),
        400,
        'validation-failed',
        /body\.relation/,
      ],
      [
        'a party user',
        () => ({
          id: organization.id,
          token: world.medical.partyToken,
          body: { institutionId: world.medical.institutionId, relation: 'shareholder' },
        }),
        403,
        'forbidden',
        /role party/,
      ],
    ])('refuses %s', async (_name, request, status, type, detail) => {
      const { id, token, body } = request();
      await expectProblem(
        () => stack.call('POST', `/evaluator-organizations/${id}/relations`, { token, body }),
        status,
        type,
        detail,
      );
    });
  });

  describe('evaluator users', () => {
    it('the admin and the regulator of its region add evaluators to an organization', async () => {
      const byAdmin = await stack.call('POST', '/users', {
        token: stack.adminToken,
        body: evaluatorBody({ evaluatorOrganizationId: organization.id }),
      });
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.body.user).toMatchObject({
        role: 'evaluator',
        evaluatorOrganizationId: organization.id,
        regionCodes: [],
      });
      expect(byAdmin.body.user.institutionId).toBeUndefined();
      const byRegulator = await stack.call('POST', '/users', {
        token: world.regulatorToken,
        body: evaluatorBody({ evaluatorOrganizationId: organization.id }),
      });
      expect(byRegulator.status).toBe(201);

      const me = await stack.call('GET', '/me', { token: byRegulator.body.token });
      expect(me.body).toMatchObject({
        id: byRegulator.body.user.id,
        role: 'evaluator',
        evaluatorOrganizationId: organization.id,
      });
      expect((await evaluatorsOf(stack.db, organization.id)).map((u) => u.id)).toEqual([
        byAdmin.body.user.id,
        byRegulator.body.user.id,
      ]);
      const row = await stack.db('users').where({ id: byAdmin.body.user.id }).first();
      expect(row.evaluator_organization_id).toBe(organization.id);

      // An evaluator sees its own organization only, even when its region has others.
      const sibling = await newOrganization(world.regulatorToken, world.regionCode);
      const listed = await stack.call('GET', '/evaluator-organizations', { token: byRegulator.body.token });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([organization.id]);
      expect(
        (
          await stack.call('GET', `/evaluator-organizations?regionCode=${other.regionCode}`, {
            token: byRegulator.body.token,
          })
        ).body.items,
      ).toEqual([]);
      expect(await evaluatorsOf(stack.db, sibling.id)).toEqual([]);
    });

    it('other users still carry no organization', async () => {
      const res = await stack.call('POST', '/users', {
        token: world.regulatorToken,
        body: evaluatorBody({ role: 'party', institutionId: world.care.institutionId }),
      });
      expect(res.status).toBe(201);
      expect(res.body.user.evaluatorOrganizationId).toBeUndefined();
    });

    it.each([
      [
        'an evaluator without an organization',
        () => ({ token: stack.adminToken, body: evaluatorBody() }),
        400,
        'validation-failed',
        /evaluatorOrganizationId: required/,
      ],
      [
        'an unknown organization',
        () => ({ token: stack.adminToken, body: evaluatorBody({ evaluatorOrganizationId: UNKNOWN_ID }) }),
        422,
        'unknown-reference',
        /no evaluator organization/,
      ],
      [
        'an organization id that is not a uuid',
        () => ({ token: stack.adminToken, body: evaluatorBody({ evaluatorOrganizationId: 'acme' }) }),
        400,
        'validation-failed',
        /evaluatorOrganizationId/,
      ],
      [
        'an organization of another region, by a regulator',
        () => ({ token: other.regulatorToken, body: evaluatorBody({ evaluatorOrganizationId: organization.id }) }),
        403,
        'forbidden',
        /regions you supervise/,
      ],
      [
        'an organization on a party user',
        () => ({
          token: world.regulatorToken,
          body: evaluatorBody({
            role: 'party',
            institutionId: world.care.institutionId,
            evaluatorOrganizationId: organization.id,
          }),
        }),
        400,
        'validation-failed',
        /only evaluator users/,
      ],
      [
        'an institution on an evaluator',
        () => ({
          token: stack.adminToken,
          body: evaluatorBody({ institutionId: world.care.institutionId, evaluatorOrganizationId: organization.id }),
        }),
        400,
        'validation-failed',
        /institutionId/,
      ],
    ])('refuses %s', async (_name, request, status, type, detail) => {
      const { token, body } = request();
      await expectProblem(() => stack.call('POST', '/users', { token, body }), status, type, detail);
    });
  });
});

/** A remote district whose nursing home is private for-profit, with 96 residents, built through the API. */
async function remoteForProfitWorld(): Promise<{
  regionCode: string;
  regulatorToken: string;
  contractBody: Record<string, unknown>;
}> {
  const regionCode = `RR${randomUUID().slice(0, 6)}`;
  await created(
    await stack.call('POST', '/regions', {
      token: stack.adminToken,
      body: { code: regionCode, name: `城口县 ${regionCode}`, remote: true },
    }),
    'remote region',
  );
  const regulator = await created(
    await stack.call('POST', '/users', {
      token: stack.adminToken,
      body: {
        name: 'County regulator',
        email: `reg-${regionCode.toLowerCase()}@example.test`,
        role: 'regulator',
        regionCodes: [regionCode],
      },
    }),
    'regulator',
  );
  const token = regulator.token as string;
  const hospital = await created(
    await stack.call('POST', '/institutions', {
      token,
      body: {
        kind: 'medical',
        regionCode,
        name: `County Hospital ${regionCode}`,
        medical: { level: 'secondary', type: 'hospital' },
      },
    }),
    'hospital',
  );
  const home = await created(
    await stack.call('POST', '/institutions', {
      token,
      body: {
        kind: 'elderly_care',
        regionCode,
        name: `康乐养老院 ${regionCode}`,
        care: { ownership: 'private_for_profit', beds: 120, residents: 96 },
      },
    }),
    'home',
  );
  const liaison = async (institutionId: string) =>
    (
      await created(
        await stack.call('POST', '/users', {
          token,
          body: {
            name: 'Liaison',
            email: `liaison-${randomUUID().slice(0, 8)}@example.test`,
            role: 'liaison',
            institutionId,
          },
        }),
        'liaison',
      )
    ).user.id as string;
  const contractBody = {
    medicalInstitutionId: hospital.id,
    careInstitutionId: home.id,
    medicalLiaisonUserId: await liaison(hospital.id),
    careLiaisonUserId: await liaison(home.id),
    termStart: '2027-01-01',
    termEnd: '2029-12-31',
    terms: agreementTerms,
  };
  return { regionCode, regulatorToken: token, contractBody };
}

describe('annual subsidy of a contract (000_… §3.3)', () => {
  let publicContractId: string;
  beforeEach(async () => {
    publicContractId = (await draftContract(stack, world)).id;
  });

  it('public home, not remote, no grade yet: 96 × 120 yuan = 11,520.00 yuan', async () => {
    const res = await stack.call('GET', `/contracts/${publicContractId}/subsidy?year=2027`, {
      token: world.regulatorToken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      contractId: publicContractId,
      year: 2027,
      regionCode: world.regionCode,
      careInstitutionId: world.care.institutionId,
      grade: null,
      policyVersion: 1,
      residents: 96,
      baseRateFenPerResident: 12000,
      totalFen: 1_152_000,
      totalYuan: '11520.00',
    });
    expect(res.body.factors).toEqual([
      {
        name: 'private-for-profit',
        bp: 8000,
        applied: false,
        source: expect.stringContaining('in Chongqing, China", §3.3'),
      },
      { name: 'remote-district', bp: 12000, applied: false, source: expect.stringContaining('not remote') },
      { name: 'grade', bp: 10000, applied: false, source: expect.stringContaining('no grade yet') },
    ]);
    // Users read rules cited by document title and section, never by a file of ours.
    expect(JSON.stringify(res.body)).not.toMatch(/\.txt|000_/);
    for (const token of [world.care.liaisonToken, world.medical.partyToken, stack.adminToken]) {
      expect(
        (await stack.call('GET', `/contracts/${publicContractId}/subsidy?year=2027`, { token })).body.totalFen,
      ).toBe(1_152_000);
    }
  });

  it("Unqualified: the region's default factor 0", async () => {
    await stack.db('contracts').where({ id: publicContractId }).update({ last_grade: 'unqualified' });
    const res = await stack.call('GET', `/contracts/${publicContractId}/subsidy?year=2027`, {
      token: world.regulatorToken,
    });
    expect(res.body).toMatchObject({ grade: 'unqualified', totalFen: 0, totalYuan: '0.00' });
    expect(res.body.factors[2]).toMatchObject({ name: 'grade', bp: 0, applied: true });
  });

  it('a year that is over goes by the last grade given by its end, not the current one', async () => {
    const organization = await newOrganization(world.regulatorToken, world.regionCode);
    // An Excellent re-evaluation recorded in December 2025; the contract's current grade is Unqualified.
    await stack.db('contracts').where({ id: publicContractId }).update({ last_grade: 'unqualified' });
    await stack.db('evaluations').insert({
      id: randomUUID(),
      cycle_id: null,
      contract_id: publicContractId,
      kind: 're-evaluation',
      evaluator_organization_id: organization.id,
      status: 'graded',
      deadline: '2025-12-15',
      weighted_score: 90,
      grade: 'excellent',
      policy_version: 1,
      graded_at: '2025-12-01T10:00:00+08:00',
    });
    const subsidy = async (year: number) =>
      (await stack.call('GET', `/contracts/${publicContractId}/subsidy?year=${year}`, { token: world.regulatorToken }))
        .body;
    expect(await subsidy(2024)).toMatchObject({ grade: null, totalFen: 1_152_000 });
    expect(await subsidy(2025)).toMatchObject({ grade: 'excellent', totalFen: 1_497_600, totalYuan: '14976.00' });
    expect(await subsidy(2027)).toMatchObject({ grade: 'unqualified', totalFen: 0 });
  });

  it("private for-profit, remote, Excellent: 96 × 12000 × 0.8 × 1.2 × 1.3 = 1,437,696 fen, from the contract's policy snapshot", async () => {
    const remote = await remoteForProfitWorld();
    const contract = await created(
      await stack.call('POST', '/contracts', { token: remote.regulatorToken, body: remote.contractBody }),
      'remote contract',
    );
    // The grading workflow writes the grade; here it is set directly.
    await stack.db('contracts').where({ id: contract.id }).update({ last_grade: 'excellent' });
    const res = await stack.call('GET', `/contracts/${contract.id}/subsidy?year=2028`, {
      token: remote.regulatorToken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2028, grade: 'excellent', totalFen: 1_437_696, totalYuan: '14376.96' });
    expect(res.body.factors.map((f: { bp: number; applied: boolean }) => [f.bp, f.applied])).toEqual([
      [8000, true],
      [12000, true],
      [13000, true],
    ]);

    // A later regional policy does not change a contract drafted under the earlier one.
    const changed = await stack.call('PUT', `/regions/${remote.regionCode}/policy`, {
      token: remote.regulatorToken,
      body: { subsidy: { baseRateFenPerResident: 200_00 } },
    });
    expect(changed.status).toBe(200);
    const after = await stack.call('GET', `/contracts/${contract.id}/subsidy?year=2028`, {
      token: remote.regulatorToken,
    });
    expect(after.body).toMatchObject({ policyVersion: 1, baseRateFenPerResident: 12000, totalFen: 1_437_696 });
  });

  it.each([['abc'], ['1999'], ['2101'], ['27'], ['20270'], ['2027.0'], [' 2027']])(
    'refuses year=%s with 400',
    async (year) => {
      await expectProblem(
        () =>
          stack.call('GET', `/contracts/${publicContractId}/subsidy?year=${encodeURIComponent(year)}`, {
            token: world.regulatorToken,
          }),
        400,
        'validation-failed',
        /query\.year/,
      );
    },
  );

  it('refuses a missing or repeated year with 400', async () => {
    await expectProblem(
      () => stack.call('GET', `/contracts/${publicContractId}/subsidy`, { token: world.regulatorToken }),
      400,
      'validation-failed',
      /query\.year/,
    );
    await expectProblem(
      () =>
        stack.call('GET', `/contracts/${publicContractId}/subsidy?year=2027&year=2028`, {
          token: world.regulatorToken,
        }),
      400,
      'validation-failed',
      /query\.year/,
    );
  });

  it('hides the contract from outsiders and refuses evaluators', async () => {
    await expectProblem(
      () => stack.call('GET', `/contracts/${publicContractId}/subsidy?year=2027`, { token: other.regulatorToken }),
      404,
      'not-found',
    );
    await expectProblem(
      () => stack.call('GET', `/contracts/${publicContractId}/subsidy?year=2027`, { token: other.care.partyToken }),
      404,
      'not-found',
    );
    await expectProblem(
      () => stack.call('GET', `/contracts/${UNKNOWN_ID}/subsidy?year=2027`, { token: stack.adminToken }),
      404,
      'not-found',
    );
    const organization = await newOrganization(world.regulatorToken, world.regionCode);
    const evaluator = await created(
      await stack.call('POST', '/users', {
        token: world.regulatorToken,
        body: evaluatorBody({ evaluatorOrganizationId: organization.id }),
      }),
      'evaluator',
    );
    await expectProblem(
      () => stack.call('GET', `/contracts/${publicContractId}/subsidy?year=2027`, { token: evaluator.token }),
      403,
      'forbidden',
      /role evaluator/,
    );
  });
});

describe('the API surface', () => {
  it('documents the new routes in OpenAPI', async () => {
    const res = await stack.call('GET', '/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/evaluator-organizations',
        '/evaluator-organizations/{id}/relations',
        '/contracts/{id}/subsidy',
      ]),
    );
    expect(res.body.components.schemas.CreateUser.properties).toHaveProperty('evaluatorOrganizationId');
    expect(res.body.paths['/contracts/{id}/subsidy'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'year', in: 'query', required: true })]),
    );
  });
});
