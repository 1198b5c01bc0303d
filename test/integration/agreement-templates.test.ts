import { tableCounts } from '../support/db-counts';
import { agreementTerms, contractBody, createWorld, draftContract, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Version 1 as the fixtures' terms; version 2 raises visits to 3 a month and settles monthly. */
const v2Terms = () => {
  const terms = clone(agreementTerms);
  terms.visitFrequency.homeVisitsPerMonth = 3;
  terms.charging.settlementCycle = 'monthly';
  return terms;
};

function publish(world: World, terms: unknown, token = world.regulatorToken, note?: string) {
  return stack.call('POST', `/regions/${world.regionCode}/agreement-templates`, {
    token,
    body: { terms, ...(note ? { note } : {}) },
  });
}

async function worldWithTwoVersions() {
  const world = await createWorld(stack);
  expect((await publish(world, agreementTerms, world.regulatorToken, 'first standard agreement')).status).toBe(201);
  expect((await publish(world, v2Terms())).status).toBe(201);
  return world;
}

it('publishes versions 1 and 2, lists them latest first, and records each in the audit trail', async () => {
  const world = await createWorld(stack);
  const first = await publish(world, agreementTerms, world.regulatorToken, 'first standard agreement');
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ regionCode: world.regionCode, version: 1, terms: agreementTerms });
  const second = await publish(world, v2Terms());
  expect(second.body).toMatchObject({ version: 2, terms: v2Terms() });

  const list = await stack.call('GET', `/regions/${world.regionCode}/agreement-templates`, {
    token: world.care.partyToken,
  });
  expect(list.status).toBe(200);
  expect(list.body.items.map((t: { version: number }) => t.version)).toEqual([2, 1]);
  expect(list.body.items[1]).toMatchObject({ note: 'first standard agreement', terms: agreementTerms });

  const audit = await stack.call('GET', `/regions/${world.regionCode}/audit`, { token: world.regulatorToken });
  const published = audit.body.items.filter((e: { action: string }) => e.action === 'agreement-template.published');
  expect(published.map((e: { details: { version: number } }) => e.details.version)).toEqual([1, 2]);
});

it('drafts from version 1 with one deviation: the contract shows version 1 and exactly that deviation', async () => {
  const world = await worldWithTwoVersions();
  const terms = clone(agreementTerms);
  terms.visitFrequency.homeVisitsPerMonth = 4;
  const draft = await draftContract(stack, world, { templateVersion: 1, terms });
  const expected = {
    regionCode: world.regionCode,
    version: 1,
    deviations: [
      {
        path: 'visitFrequency.homeVisitsPerMonth',
        template: agreementTerms.visitFrequency.homeVisitsPerMonth,
        agreed: 4,
      },
    ],
  };
  expect(draft.template).toEqual(expected);
  const fetched = await stack.call('GET', `/contracts/${draft.id}`, { token: world.medical.liaisonToken });
  expect(fetched.body.template).toEqual(expected);
  expect(fetched.body.terms).toEqual(terms);
  const row = await stack.db('contracts').where({ id: draft.id }).first();
  expect(row.template_version).toBe(1);
});

it("takes the template's terms when a draft names a version and no terms: no deviation", async () => {
  const world = await worldWithTwoVersions();
  const { terms: _none, ...body } = contractBody(world, { templateVersion: 2 });
  const res = await stack.call('POST', '/contracts', { token: world.regulatorToken, body });
  expect(res.status).toBe(201);
  expect(res.body.terms).toEqual(v2Terms());
  expect(res.body.template).toEqual({ regionCode: world.regionCode, version: 2, deviations: [] });
});

it('keeps drafts without a template as before: no template shown', async () => {
  const world = await worldWithTwoVersions();
  const draft = await draftContract(stack, world);
  expect(draft.template).toBeUndefined();
  expect((await stack.db('contracts').where({ id: draft.id }).first()).template_version).toBeNull();
});

it('refuses an unknown version with 422 naming the versions available, and writes nothing', async () => {
  const world = await worldWithTwoVersions();
  const before = await tableCounts(stack.db);
  const res = await stack.call('POST', '/contracts', {
    token: world.regulatorToken,
    body: contractBody(world, { templateVersion: 7 }),
  });
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ type: '/problems/unknown-template-version', availableVersions: [2, 1] });
  expect(res.body.detail).toBe(
    `templateVersion: region ${world.regionCode} has published no agreement template version 7; available: 2, 1`,
  );
  const { terms: _none, ...withoutTerms } = contractBody(world);
  const neither = await stack.call('POST', '/contracts', { token: world.regulatorToken, body: withoutTerms });
  expect(neither.status).toBe(400);
  expect(neither.body.detail).toContain('terms are required unless templateVersion');
  expect(await tableCounts(stack.db)).toEqual(before);
});

it('refuses publishing by a party or by the regulator of another region, and writes nothing', async () => {
  const world = await createWorld(stack);
  const other = await createWorld(stack);
  const before = await tableCounts(stack.db);
  const byParty = await publish(world, agreementTerms, world.medical.partyToken);
  expect(byParty.status).toBe(403);
  expect(byParty.body.type).toBe('/problems/forbidden');
  const byOtherRegulator = await publish(world, agreementTerms, other.regulatorToken);
  expect([403, 404]).toContain(byOtherRegulator.status);
  expect(await tableCounts(stack.db)).toEqual(before);
  const list = await stack.call('GET', `/regions/${world.regionCode}/agreement-templates`, {
    token: world.regulatorToken,
  });
  expect(list.body.items).toEqual([]);
});

it('keeps a published version as published: no route changes it, the database refuses, v2 leaves v1 alone', async () => {
  const world = await worldWithTwoVersions();
  const v1 = (
    await stack.call('GET', `/regions/${world.regionCode}/agreement-templates/1`, { token: world.regulatorToken })
  ).body;
  expect(v1).toMatchObject({ version: 1, terms: agreementTerms });

  const put = await stack.call('PUT', `/regions/${world.regionCode}/agreement-templates/1`, {
    token: world.regulatorToken,
    body: { terms: v2Terms() },
  });
  expect(put.status).toBe(404);
  await expect(
    stack
      .db('agreement_templates')
      .where({ region_code: world.regionCode, version: 1 })
      .update({ terms: JSON.stringify(v2Terms()) }),
  ).rejects.toThrow(/is published and cannot change/);
  await expect(
    stack.db('agreement_templates').where({ region_code: world.regionCode, version: 1 }).delete(),
  ).rejects.toThrow(/is published and cannot change/);

  const again = await stack.call('GET', `/regions/${world.regionCode}/agreement-templates/1`, {
    token: world.regulatorToken,
  });
  expect(again.body).toEqual(v1);
  const missing = await stack.call('GET', `/regions/${world.regionCode}/agreement-templates/3`, {
    token: world.regulatorToken,
  });
  expect(missing.status).toBe(404);
});
