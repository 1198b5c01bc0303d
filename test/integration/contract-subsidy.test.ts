import { randomUUID } from 'node:crypto';
import { shanghaiDateOf } from '../../domain/calendar';
import { created, evaluatorBody, evaluatorHelpers, UNKNOWN_ID } from '../support/evaluator-helpers';
import { agreementTerms, createWorld, draftContract, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;
let world: World;
let other: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
  other = await createWorld(stack);
});
afterAll(async () => stack?.stop());

const { expectProblem, newOrganization } = evaluatorHelpers(() => stack);

// A year not over goes by the contract's current grade, a year that is over by the last grade given
// by its end: the years whose current grade is tested come after today's, whatever today is.
const THIS_YEAR = Number(shanghaiDateOf(Date.now()).slice(0, 4));
const NEXT_YEAR = THIS_YEAR + 1;
const YEAR_AFTER_NEXT = THIS_YEAR + 2;

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
    const res = await stack.call('GET', `/contracts/${publicContractId}/subsidy?year=${NEXT_YEAR}`, {
      token: world.regulatorToken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      contractId: publicContractId,
      year: NEXT_YEAR,
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
        (await stack.call('GET', `/contracts/${publicContractId}/subsidy?year=${NEXT_YEAR}`, { token })).body.totalFen,
      ).toBe(1_152_000);
    }
  });

  it("Unqualified: the region's default factor 0", async () => {
    await stack.db('contracts').where({ id: publicContractId }).update({ last_grade: 'unqualified' });
    const res = await stack.call('GET', `/contracts/${publicContractId}/subsidy?year=${NEXT_YEAR}`, {
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
    expect(await subsidy(NEXT_YEAR)).toMatchObject({ grade: 'unqualified', totalFen: 0 });
  });

  it("private for-profit, remote, Excellent: 96 × 12000 × 0.8 × 1.2 × 1.3 = 1,437,696 fen, from the contract's policy snapshot", async () => {
    const remote = await remoteForProfitWorld();
    const contract = await created(
      await stack.call('POST', '/contracts', { token: remote.regulatorToken, body: remote.contractBody }),
      'remote contract',
    );
    // The grading workflow writes the grade; here it is set directly.
    await stack.db('contracts').where({ id: contract.id }).update({ last_grade: 'excellent' });
    const res = await stack.call('GET', `/contracts/${contract.id}/subsidy?year=${YEAR_AFTER_NEXT}`, {
      token: remote.regulatorToken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: YEAR_AFTER_NEXT,
      grade: 'excellent',
      totalFen: 1_437_696,
      totalYuan: '14376.96',
    });
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
    const after = await stack.call('GET', `/contracts/${contract.id}/subsidy?year=${YEAR_AFTER_NEXT}`, {
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
