import { conflictedOrganizationIds, evaluatorsOf } from '../../stores/evaluator-store';
import { countRows } from '../support/db-counts';
import { evaluatorBody, evaluatorHelpers, UNKNOWN_ID } from '../support/evaluator-helpers';
import { createWorld, World } from '../support/fixtures';
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

const { writes, expectProblem, newOrganization } = evaluatorHelpers(() => stack);

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
