import { countRows } from '../support/db-counts';
import { createWorld, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';
import { nonsensePolicy } from '../support/nonsense-policy';

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
});
afterAll(async () => stack?.stop());

async function regionSnapshot(code: string) {
  const region = await stack.db('regions').where({ code }).first();
  return {
    version: region.policy_version,
    overrides: region.policy_overrides,
    audit: await countRows(stack.db, 'audit_log', { entity_type: 'region', entity_id: code }),
  };
}

describe('a policy is stored only when it keeps its rules', () => {
  it("refuses issue 9's nonsense policy with one 422 naming every broken rule, and stores nothing", async () => {
    const before = await regionSnapshot(world.regionCode);
    const res = await stack.call('PUT', `/regions/${world.regionCode}/policy`, {
      token: world.regulatorToken,
      body: nonsensePolicy,
    });
    expect(res.status).toBe(422);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(res.body.type).toBe('/problems/policy-invalid');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [
        'body.evaluation.weights',
        'body.evaluation.thresholds',
        'body.evaluation.thresholds.qualified',
        'body.subsidy.baseRateFenPerResident',
        'body.subsidy.privateForProfitFactorBp',
        'body.subsidy.remoteDistrictFactorBp',
        'body.subsidy.gradeFactorBp.excellent',
      ].sort(),
    );
    expect(await regionSnapshot(world.regionCode)).toEqual(before);
  });

  it('reports range and cross-field rules together, not a 400 for the first range', async () => {
    const before = await regionSnapshot(world.regionCode);
    const res = await stack.call('PUT', `/regions/${world.regionCode}/policy`, {
      token: world.regulatorToken,
      body: {
        timeScale: 0,
        evaluation: { weights: { satisfaction: -1 }, thresholds: { qualified: 90 }, fanOutPageSize: 5000 },
        rectification: { deadlineDays: 0 },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [
        'body.timeScale',
        'body.evaluation.weights.satisfaction',
        'body.evaluation.thresholds',
        'body.evaluation.fanOutPageSize',
        'body.rectification.deadlineDays',
      ].sort(),
    );
    expect(await regionSnapshot(world.regionCode)).toEqual(before);
  });

  it('still answers 400 for a body of the wrong shape', async () => {
    const wrongType = await stack.call('PUT', `/regions/${world.regionCode}/policy`, {
      token: world.regulatorToken,
      body: { evaluation: { weights: { satisfaction: 'high' } } },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.type).toBe('/problems/validation-failed');
    const unknownField = await stack.call('PUT', `/regions/${world.regionCode}/policy`, {
      token: world.regulatorToken,
      body: { evaluation: { weigths: { satisfaction: 1 } } },
    });
    expect(unknownField.status).toBe(400);
  });

  it('refuses a region created with a nonsense policy, naming the paths under body.policy', async () => {
    const code = `BAD${world.regionCode.slice(1)}`;
    const res = await stack.call('POST', '/regions', {
      token: stack.adminToken,
      body: { code, name: 'Nonsense district', policy: nonsensePolicy },
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/problems/policy-invalid');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'body.policy.evaluation.weights' }));
    expect(await countRows(stack.db, 'regions', { code })).toBe(0);
    expect(await countRows(stack.db, 'audit_log', { entity_type: 'region', entity_id: code })).toBe(0);
  });

  it('does not roll a nonsense policy stored before these rules onto running contracts', async () => {
    const legacy = await createWorld(stack);
    await stack
      .db('regions')
      .where({ code: legacy.regionCode })
      .update({ policy_overrides: JSON.stringify(nonsensePolicy) });
    const res = await stack.call('POST', `/regions/${legacy.regionCode}/policy/rollout`, {
      token: legacy.regulatorToken,
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/problems/policy-invalid');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'policyOverrides.evaluation.weights' }));
    expect(
      await countRows(stack.db, 'audit_log', {
        entity_type: 'region',
        entity_id: legacy.regionCode,
        action: 'region.policy-rolled-out',
      }),
    ).toBe(0);
  });

  it('stores a sound policy as a new version', async () => {
    const before = await regionSnapshot(world.regionCode);
    const res = await stack.call('PUT', `/regions/${world.regionCode}/policy`, {
      token: world.regulatorToken,
      body: {
        evaluation: {
          weights: { serviceQuality: 2, satisfaction: 1, cooperation: 0 },
          thresholds: { excellent: 90, qualified: 70 },
        },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.policyVersion).toBe(before.version + 1);
    expect(res.body.effectivePolicy.evaluation.thresholds).toEqual({ excellent: 90, qualified: 70 });
  });
});
