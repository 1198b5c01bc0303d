import { createEvaluatorOrg } from '../support/evaluation-fixtures';
import { createParty, createWorld, draftContract, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

/**
 * Issue 9, finding 3: reference data (regions, institutions, evaluator organizations, users) is scoped like contracts.
 */
let stack: TestStack;
let home: World;
let away: World;
let homeOrg: Awaited<ReturnType<typeof createEvaluatorOrg>>;
let awayOrg: Awaited<ReturnType<typeof createEvaluatorOrg>>;

beforeAll(async () => {
  stack = await startStack();
  [home, away] = await Promise.all([createWorld(stack), createWorld(stack)]);
  [homeOrg, awayOrg] = await Promise.all([
    createEvaluatorOrg(stack, home, 'Home evaluators'),
    createEvaluatorOrg(stack, away, 'Away evaluators'),
  ]);
});
afterAll(async () => stack?.stop());

const get = (path: string, token: string) => stack.call('GET', path, { token });
const codesOf = (res: { body: { items: { code: string }[] } }) => res.body.items.map((r) => r.code);
const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((r) => r.id);

it("a regulator, party or evaluator of another region gets 404 for a region's policy and its institutions, and lists only what it may see", async () => {
  const foreigners = {
    regulator: away.regulatorToken,
    party: away.care.partyToken,
    liaison: away.medical.liaisonToken,
    evaluator: awayOrg.token,
  };
  for (const [who, token] of Object.entries(foreigners)) {
    const region = await get(`/regions/${home.regionCode}`, token);
    expect([who, region.status, region.contentType]).toEqual([
      who,
      404,
      expect.stringContaining('application/problem+json'),
    ]);
    const institution = await get(`/institutions/${home.care.institutionId}`, token);
    expect([who, institution.status]).toEqual([who, 404]);
    expect(JSON.stringify(institution.body)).not.toContain('养老院');
    const regions = await get('/regions', token);
    expect([who, regions.status]).toEqual([who, 200]);
    expect(codesOf(regions)).not.toContain(home.regionCode);
    expect(codesOf(regions)).toContain(away.regionCode);
  }
  // Those of the region itself still see it.
  for (const token of [
    home.regulatorToken,
    home.care.partyToken,
    home.medical.liaisonToken,
    homeOrg.token,
    stack.adminToken,
  ]) {
    expect((await get(`/regions/${home.regionCode}`, token)).status).toBe(200);
  }
  expect((await get(`/institutions/${home.care.institutionId}`, home.regulatorToken)).body.care).toMatchObject({
    beds: 120,
    residents: 96,
  });
  expect(codesOf(await get('/regions', stack.adminToken))).toEqual(
    expect.arrayContaining([home.regionCode, away.regionCode]),
  );
});

it('a party sees its institution and its counterparties, not the other institutions of its region; an evaluator sees no institution it was not assigned', async () => {
  const stranger = await createParty(
    stack,
    home.regulatorToken,
    home.regionCode,
    'elderly_care',
    `Unrelated home ${home.regionCode}`,
    'en',
  );
  // Before any contract, the hospital's party sees only its own institution.
  expect((await get(`/institutions/${home.care.institutionId}`, home.medical.partyToken)).status).toBe(404);
  await draftContract(stack, home);
  expect((await get(`/institutions/${home.care.institutionId}`, home.medical.partyToken)).status).toBe(200);
  expect((await get(`/institutions/${home.medical.institutionId}`, home.care.liaisonToken)).status).toBe(200);
  expect((await get(`/institutions/${stranger.institutionId}`, home.medical.partyToken)).status).toBe(404);
  expect((await get(`/institutions/${home.care.institutionId}`, homeOrg.token)).status).toBe(404);

  const list = await get('/institutions', home.medical.partyToken);
  expect(list.status).toBe(200);
  expect(idsOf(list).sort()).toEqual([home.medical.institutionId, home.care.institutionId].sort());
  expect(list.body.total).toBe(2);
  const regulatorList = await get(`/institutions?regionCode=${home.regionCode}&kind=elderly_care`, home.regulatorToken);
  expect(idsOf(regulatorList).sort()).toEqual([home.care.institutionId, stranger.institutionId].sort());
  // A filter on a region the caller cannot see yields an empty list, not a refusal.
  const foreignFilter = await get(`/institutions?regionCode=${home.regionCode}`, away.regulatorToken);
  expect([foreignFilter.status, foreignFilter.body.items, foreignFilter.body.total]).toEqual([200, [], 0]);
  const orgs = await get(`/evaluator-organizations?regionCode=${home.regionCode}`, away.regulatorToken);
  expect([orgs.status, orgs.body.items]).toEqual([200, []]);
});

it('pages of institutions and users follow each other without gaps or repeats, and count the whole list', async () => {
  // A third institution of its own, so there are pages to follow whichever tests ran before.
  await createParty(stack, home.regulatorToken, home.regionCode, 'medical', `Paged clinic ${home.regionCode}`, 'en');
  const seen: string[] = [];
  let cursor: string | undefined;
  let total = -1;
  do {
    const page = await get(`/institutions?limit=1${cursor ? `&cursor=${cursor}` : ''}`, home.regulatorToken);
    expect(page.status).toBe(200);
    seen.push(...idsOf(page));
    total = page.body.total;
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(seen.length).toBe(total);
  expect(new Set(seen).size).toBe(total);
  expect(total).toBeGreaterThanOrEqual(3);

  const users = await get(`/users?limit=200&role=liaison`, home.regulatorToken);
  expect(users.status).toBe(200);
  expect(users.body.items.every((u: { role: string }) => u.role === 'liaison')).toBe(true);
  expect(users.body.items.map((u: { email: string }) => u.email)).toContain(home.care.liaisonEmail);
  expect(users.body.items.map((u: { email: string }) => u.email)).not.toContain(away.care.liaisonEmail);
  const colleagues = await get('/users', home.care.partyToken);
  expect(colleagues.body.items.map((u: { institutionId: string }) => u.institutionId)).toEqual([
    home.care.institutionId,
    home.care.institutionId,
  ]);
  const badCursor = await get('/users?cursor=bm90LWEtY3Vyc29y', home.regulatorToken);
  expect([badCursor.status, badCursor.body.type]).toEqual([400, '/problems/validation-failed']);
  expect((await get(`/users/${home.care.liaisonId}`, away.regulatorToken)).status).toBe(404);
  expect((await get(`/users/${home.care.liaisonId}`, home.medical.partyToken)).status).toBe(404);
  expect((await get(`/users/${home.care.liaisonId}`, home.care.partyToken)).status).toBe(200);
});
