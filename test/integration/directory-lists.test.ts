import { createParty, createWorld, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;
let home: World;
let away: World;

beforeAll(async () => {
  stack = await startStack();
  home = await createWorld(stack);
  away = await createWorld(stack);
});
afterAll(async () => stack?.stop());

const get = (path: string, token: string) => stack.call('GET', path, { token });
const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

describe("the directory's lists", () => {
  it('finds institutions by a part of their name, within the caller’s regions, a page at a time', async () => {
    const marker = `Lotus${home.regionCode}`;
    const first = await createParty(stack, home.regulatorToken, home.regionCode, 'medical', `${marker} clinic`, 'en');
    const second = await createParty(
      stack,
      home.regulatorToken,
      home.regionCode,
      'elderly_care',
      `${marker} home`,
      'en',
    );
    await createParty(stack, away.regulatorToken, away.regionCode, 'medical', `${marker} far clinic`, 'en');

    const found = await get(`/institutions?q=${encodeURIComponent(marker.toLowerCase())}`, home.regulatorToken);
    expect(found.status).toBe(200);
    expect(idsOf(found)).toEqual([first.institutionId, second.institutionId]);
    expect(found.body.total).toBe(2);

    const page = await get(`/institutions?q=${marker}&limit=1`, home.regulatorToken);
    expect([idsOf(page), page.body.total]).toEqual([[first.institutionId], 2]);
    const next = await get(`/institutions?q=${marker}&limit=1&cursor=${page.body.nextCursor}`, home.regulatorToken);
    expect(idsOf(next)).toEqual([second.institutionId]);

    // The pattern's own wildcards are taken literally.
    expect((await get(`/institutions?q=${encodeURIComponent('%')}`, home.regulatorToken)).body.total).toBe(0);
    const admin = await get(`/institutions?q=${marker}`, stack.adminToken);
    expect(admin.body.total).toBe(3);
  });

  it('finds users by name or e-mail, only among those the caller may see', async () => {
    const byEmail = await get(`/users?q=${encodeURIComponent(home.care.liaisonEmail)}`, home.regulatorToken);
    expect(byEmail.status).toBe(200);
    expect(idsOf(byEmail)).toEqual([home.care.liaisonId]);
    expect((await get(`/users?q=${encodeURIComponent(home.care.liaisonEmail)}`, away.regulatorToken)).body).toEqual({
      items: [],
      total: 0,
    });
    const byName = await get(`/users?q=liaison&role=liaison&limit=200`, home.regulatorToken);
    expect(idsOf(byName)).toEqual(expect.arrayContaining([home.medical.liaisonId, home.care.liaisonId]));
    expect(byName.body.items.every((u: { name: string }) => /liaison/i.test(u.name))).toBe(true);
  });

  it.each([
    ['/institutions?q=', 'an empty search'],
    [`/institutions?q=${'x'.repeat(201)}`, 'a search too long'],
    ['/users?q=', 'an empty search'],
    ['/users?limit=0', 'a page of nothing'],
  ])('refuses %s (%s) as a validation problem', async (path) => {
    const res = await get(path, home.regulatorToken);
    expect([res.status, res.body.type]).toEqual([400, '/problems/validation-failed']);
  });

  it("reads an evaluator organization's declared conflicts of interest", async () => {
    const created = await stack.call('POST', '/evaluator-organizations', {
      token: home.regulatorToken,
      body: { regionCode: home.regionCode, name: `Relations ${home.regionCode}` },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await get(`/evaluator-organizations/${id}/relations`, home.regulatorToken)).body).toEqual({ items: [] });
    const declared = await stack.call('POST', `/evaluator-organizations/${id}/relations`, {
      token: home.regulatorToken,
      body: { institutionId: home.care.institutionId, relation: 'same parent group' },
    });
    expect(declared.status).toBe(201);
    const relations = await get(`/evaluator-organizations/${id}/relations`, home.regulatorToken);
    expect(relations.body.items).toEqual([
      {
        organizationId: id,
        institutionId: home.care.institutionId,
        relation: 'same parent group',
        declaredAt: expect.any(String),
      },
    ]);
    expect(
      await stack.db('evaluator_relations').where({ organization_id: id, institution_id: home.care.institutionId }),
    ).toHaveLength(1);
    expect((await get(`/evaluator-organizations/${id}/relations`, away.regulatorToken)).status).toBe(404);
  });
});
