import { appendAudit, auditEntityTypes } from '../../stores/audit-store';
import { createWorld, eventually, World } from '../support/fixtures';
import { Order, submitEvidence, unqualifiedOrder } from '../support/rectification-fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;
let order: Order;
let outsider: World;
let evaluationId: string;
let cycleId: string;
let liaisonUserId: string;

beforeAll(async () => {
  stack = await startStack();
  order = await unqualifiedOrder(stack);
  outsider = await createWorld(stack);
  const regulator = order.world.regulatorToken;
  evaluationId = (await stack.call('GET', `/rectifications/${order.rectificationId}`, { token: regulator })).body
    .evaluationId;
  cycleId = (await stack.call('GET', `/evaluations/${evaluationId}`, { token: regulator })).body.cycleId;
  liaisonUserId = order.world.medical.liaisonId;
  expect((await submitEvidence(stack, order.world.care.partyToken, order.rectificationId)).status).toBe(201);
  await eventually(
    async () =>
      (await stack.db('audit_log').where({ entity_type: 'rectification', entity_id: order.rectificationId }).first()) ??
      false,
    'the evidence entry',
  );
  await eventually(
    async () =>
      (await stack.call('GET', `/evaluation-cycles/${cycleId}`, { token: regulator })).body.status === 'closed',
    'the cycle to close',
  );
  // No process has yet made an evaluation an entity of its own entries (overdue ones are); stand in for one.
  await appendAudit(stack.db, {
    actor: 'system:evaluation',
    action: 'evaluation.overdue',
    entityType: 'evaluation',
    entityId: evaluationId,
    details: { deadline: '2026-12-31' },
  });
});
afterAll(() => stack?.stop());

/** Each audited entity: its own GET, its audit, a reader in its region, and an entry the trail must hold. */
const entities = () => [
  {
    name: 'contract',
    get: `/contracts/${order.contractId}`,
    reader: order.world.care.partyToken,
    action: 'rectification.ordered',
  },
  {
    name: 'rectification',
    get: `/rectifications/${order.rectificationId}`,
    reader: order.world.care.liaisonToken,
    action: 'rectification.evidence-submitted',
  },
  { name: 'evaluation', get: `/evaluations/${evaluationId}`, reader: order.org.token, action: 'evaluation.overdue' },
  {
    name: 'evaluation cycle',
    get: `/evaluation-cycles/${cycleId}`,
    reader: order.world.regulatorToken,
    action: 'evaluation-cycle.closed',
  },
  {
    name: 'region',
    get: `/regions/${order.world.regionCode}`,
    reader: order.world.regulatorToken,
    action: 'region.created',
  },
  {
    name: 'institution',
    get: `/institutions/${order.world.care.institutionId}`,
    reader: order.world.care.partyToken,
    action: 'institution.registered',
  },
  {
    name: 'evaluator organization',
    get: `/evaluator-organizations/${order.org.id}`,
    list: '/evaluator-organizations',
    reader: order.org.token,
    action: 'evaluator-organization.created',
  },
  {
    name: 'user',
    get: `/users/${liaisonUserId}`,
    list: '/me',
    reader: order.world.medical.liaisonToken,
    action: 'user.created',
  },
];

it.each([
  'contract',
  'rectification',
  'evaluation',
  'evaluation cycle',
  'region',
  'institution',
  'evaluator organization',
  'user',
])('a reader of the %s reads its trail, each entry with its hash in the chain', async (name) => {
  const entity = entities().find((e) => e.name === name)!;
  const res = await stack.call('GET', `${entity.get}/audit`, { token: entity.reader });
  expect(res.status).toBe(200);
  expect(res.body.items.map((e: { action: string }) => e.action)).toContain(entity.action);
  expect(res.body.nextAfter).toBeUndefined();
  for (const item of res.body.items) {
    const row = await stack.db('audit_log').where({ id: item.id }).first();
    expect(item).toEqual({
      id: String(row.id),
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      details: row.details,
      hash: row.hash,
      prevHash: row.prev_hash,
    });
    expect(item.hash).toMatch(/^[0-9a-f]{64}$/);
  }
  const admin = await stack.call('GET', `${entity.get}/audit`, { token: stack.adminToken });
  expect(admin.body.items).toEqual(res.body.items);
});

it("a foreign region's regulator gets 404 wherever it may not read the entity itself", async () => {
  const foreign = outsider.regulatorToken;
  const answers: Record<string, [number, number]> = {};
  for (const entity of entities()) {
    // The entity's own read: its GET, or for entities read only by list, whether the list holds it.
    const own = entity.list
      ? await stack
          .call('GET', entity.list, { token: foreign })
          .then((r) => (JSON.stringify(r.body).includes(entity.get.split('/').pop()!) ? 200 : 404))
      : (await stack.call('GET', entity.get, { token: foreign })).status;
    const audit = await stack.call('GET', `${entity.get}/audit`, { token: foreign });
    answers[entity.name] = [own, audit.status];
    if (audit.status === 404) expect(audit.body.type).toBe('/problems/not-found');
  }
  // The trail is readable exactly when the entity is.
  for (const [own, audit] of Object.values(answers)) expect(audit).toBe(own);
  for (const name of ['contract', 'rectification', 'evaluation', 'evaluation cycle', 'evaluator organization', 'user'])
    expect(answers[name]).toEqual([404, 404]);
});

it('every kind of entity the log speaks of has its trail in the API', async () => {
  const paths = Object.keys((await stack.call('GET', '/openapi.json')).body.paths).filter((p) => p.endsWith('/audit'));
  expect(paths.sort()).toEqual(
    entities()
      .map((e) => e.get.replace(/\/[^/]+$/, '/{' + (e.name === 'region' ? 'code' : 'id') + '}/audit'))
      .sort(),
  );
  expect(paths).toHaveLength(auditEntityTypes.length);
});

it('pages through a trail with limit and after, oldest first', async () => {
  const path = `/contracts/${order.contractId}/audit`;
  const token = order.world.regulatorToken;
  const whole = (await stack.call('GET', path, { token })).body.items;
  expect(whole.length).toBeGreaterThanOrEqual(5);
  const paged: unknown[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const res = await stack.call('GET', `${path}?limit=2${after ? `&after=${after}` : ''}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    paged.push(...res.body.items);
    after = res.body.nextAfter;
    pages += 1;
  } while (after);
  expect(paged).toEqual(whole);
  expect(pages).toBe(Math.ceil(whole.length / 2));
  const ids = whole.map((e: { id: string }) => BigInt(e.id));
  expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);

  for (const bad of ['limit=0', 'limit=501', 'after=abc', 'after=-1']) {
    const res = await stack.call('GET', `${path}?${bad}`, { token });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/validation-failed');
  }
});
