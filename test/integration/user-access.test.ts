import * as userDeactivation from '../../migrations/20261123090000_user_deactivation';
import { countRows } from '../support/db-counts';
import { createWorld, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

/** Issue 9, finding 10: a departed user's access can be taken away, and every such decision is on record. */
let stack: TestStack;
let home: World;
let away: World;

beforeAll(async () => {
  stack = await startStack();
  away = await createWorld(stack);
});
// Tests revoke and deactivate home's users: each gets a home of its own, so none depends on another's order.
beforeEach(async () => {
  home = await createWorld(stack);
});
afterAll(async () => stack?.stop());

const me = (token: string) => stack.call('GET', '/me', { token });
const userIdOf = async (token: string) => (await me(token)).body.id as string;
const tokensOf = async (userId: string) =>
  (await stack.call('GET', `/users/${userId}/tokens`, { token: stack.adminToken })).body.items as {
    id: string;
    revokedAt?: string;
  }[];
/** Access decisions on a user (its creation is audited too, before them). */
const auditOf = (userId: string) =>
  stack
    .db('audit_log')
    .where({ entity_type: 'user', entity_id: userId })
    // Its creation, and the invitation to set a password that creation mails (issue 11).
    .whereNotIn('action', ['user.created', 'user.invited'])
    .orderBy('id');

it("a revoked token gets 401 on the next request; revoking again changes nothing; only its owner, an admin or its region's regulator may revoke it", async () => {
  const partyId = await userIdOf(home.care.partyToken);
  const [token] = await tokensOf(partyId);
  expect(token).toMatchObject({ id: expect.any(String) });
  expect(JSON.stringify(await tokensOf(partyId))).not.toContain(home.care.partyToken);

  const foreign = await stack.call('DELETE', `/tokens/${token!.id}`, { token: away.regulatorToken });
  expect([foreign.status, foreign.contentType]).toEqual([404, expect.stringContaining('application/problem+json')]);
  const colleague = await stack.call('DELETE', `/tokens/${token!.id}`, { token: home.care.liaisonToken });
  expect(colleague.status).toBe(403);
  expect((await me(home.care.partyToken)).status).toBe(200);

  const revoked = await stack.call('DELETE', `/tokens/${token!.id}`, { token: home.regulatorToken });
  expect(revoked.status).toBe(200);
  expect(revoked.body.revokedAt).toEqual(expect.any(String));
  const row = await stack.db('api_tokens').where({ id: token!.id }).first();
  expect(row.revoked_at).not.toBeNull();
  expect(row.revoked_by).toBe(await userIdOf(home.regulatorToken));
  const after = await me(home.care.partyToken);
  expect([after.status, after.body.type]).toEqual([401, '/problems/unauthenticated']);

  const auditRows = await countRows(stack.db, 'audit_log');
  expect((await stack.call('DELETE', `/tokens/${token!.id}`, { token: home.regulatorToken })).body.revokedAt).toBe(
    revoked.body.revokedAt,
  );
  expect(await countRows(stack.db, 'audit_log')).toBe(auditRows);
  expect((await auditOf(partyId)).map((r) => [r.action, r.details.tokenId])).toEqual([
    ['user.token-revoked', token!.id],
  ]);

  // The owner may revoke its own token.
  const liaisonId = await userIdOf(home.medical.liaisonToken);
  const [own] = await tokensOf(liaisonId);
  expect((await stack.call('DELETE', `/tokens/${own!.id}`, { token: home.medical.liaisonToken })).status).toBe(200);
  expect((await me(home.medical.liaisonToken)).status).toBe(401);
});

it('a new token is shown once, works at once, and is audited; a regulator of another region cannot issue one', async () => {
  const liaisonId = await userIdOf(home.care.liaisonToken);
  const foreign = await stack.call('POST', `/users/${liaisonId}/tokens`, {
    token: away.regulatorToken,
    body: { label: 'phone' },
  });
  expect(foreign.status).toBe(404);
  const issued = await stack.call('POST', `/users/${liaisonId}/tokens`, {
    token: home.regulatorToken,
    body: { label: 'phone' },
  });
  expect(issued.status).toBe(201);
  expect(issued.body).toMatchObject({
    token: { userId: liaisonId, label: 'phone' },
    secret: expect.stringMatching(/^cp_/),
  });
  expect((await me(issued.body.secret)).body.id).toBe(liaisonId);
  const row = await stack.db('api_tokens').where({ id: issued.body.token.id }).first();
  expect([row.label, row.issued_by, row.revoked_at]).toEqual(['phone', await userIdOf(home.regulatorToken), null]);
  expect(row.token_sha256).not.toContain(issued.body.secret);
  expect((await auditOf(liaisonId)).map((r) => [r.action, r.details.tokenId])).toEqual([
    ['user.token-issued', issued.body.token.id],
  ]);
  expect((await tokensOf(liaisonId)).map((t) => t.id)).toContain(issued.body.token.id);
});

it("a deactivated user's every token gets 401 on the next request; the decision carries its reason; deactivating twice is refused", async () => {
  const liaisonId = await userIdOf(home.care.liaisonToken);
  const second = (
    await stack.call('POST', `/users/${liaisonId}/tokens`, { token: stack.adminToken, body: { label: 'laptop' } })
  ).body.secret as string;
  expect((await me(second)).status).toBe(200);

  expect(
    (
      await stack.call('POST', `/users/${liaisonId}/deactivation`, {
        token: home.regulatorToken,
        body: { reason: ' ' },
      })
    ).status,
  ).toBe(400);
  expect(
    (
      await stack.call('POST', `/users/${liaisonId}/deactivation`, {
        token: away.regulatorToken,
        body: { reason: 'left' },
      })
    ).status,
  ).toBe(404);
  expect(
    (
      await stack.call('POST', `/users/${liaisonId}/deactivation`, {
        token: home.medical.partyToken,
        body: { reason: 'left' },
      })
    ).status,
  ).toBe(403);
  const selfDeactivation = await stack.call('POST', `/users/${await userIdOf(home.regulatorToken)}/deactivation`, {
    token: home.regulatorToken,
    body: { reason: 'bored' },
  });
  expect(selfDeactivation.status).toBe(403);

  const done = await stack.call('POST', `/users/${liaisonId}/deactivation`, {
    token: home.regulatorToken,
    body: { reason: 'Left the nursing home on 2026-11-30' },
  });
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({
    id: liaisonId,
    deactivatedAt: expect.any(String),
    deactivationReason: 'Left the nursing home on 2026-11-30',
  });
  const row = await stack.db('users').where({ id: liaisonId }).first();
  expect([row.deactivated_by, row.deactivation_reason]).toEqual([
    await userIdOf(home.regulatorToken),
    'Left the nursing home on 2026-11-30',
  ]);
  for (const token of [home.care.liaisonToken, second]) expect((await me(token)).status).toBe(401);

  const again = await stack.call('POST', `/users/${liaisonId}/deactivation`, {
    token: stack.adminToken,
    body: { reason: 'again' },
  });
  expect([again.status, again.body.type]).toEqual([409, '/problems/user-deactivated']);
  expect((await stack.call('POST', `/users/${liaisonId}/tokens`, { token: stack.adminToken, body: {} })).status).toBe(
    409,
  );
  const decisions = (await auditOf(liaisonId)).filter((r) => r.action === 'user.deactivated');
  expect(decisions.map((r) => r.details.reason)).toEqual(['Left the nursing home on 2026-11-30']);

  const listed = async (query: string) =>
    (await stack.call('GET', `/users?role=liaison&limit=200${query}`, { token: home.regulatorToken })).body.items.map(
      (u: { id: string }) => u.id,
    );
  expect(await listed('')).not.toContain(liaisonId);
  expect(await listed('&includeDeactivated=true')).toContain(liaisonId);
});

it('the deactivation migration goes down and up again around real rows', async () => {
  const before = await countRows(stack.db, 'users');
  await userDeactivation.down(stack.db);
  expect(await stack.db.schema.hasColumn('users', 'deactivated_at')).toBe(false);
  expect(await countRows(stack.db, 'users')).toBe(before);
  await userDeactivation.up(stack.db);
  expect(await stack.db.schema.hasColumn('users', 'deactivated_at')).toBe(true);
  expect(await stack.db.schema.hasColumn('api_tokens', 'revoked_by')).toBe(true);
  expect((await me(home.regulatorToken)).status).toBe(200);
});
