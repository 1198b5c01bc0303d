import { createHash } from 'node:crypto';
import { activeContract, createWorld, eventually } from '../support/fixtures';
import { planBody, threeFindings } from '../support/finding-fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A region (policy time at the wall clock's pace) with one active contract under a regulator's own order. */
async function directOrder(policy: Record<string, unknown> = {}) {
  const world = await createWorld(stack, {
    signing: { windowDays: 365 },
    obligations: { visitsPerMonth: 0 },
    ...policy,
  });
  const contract = await activeContract(stack, world);
  const issued = await stack.call('POST', `/contracts/${contract.id}/rectification-orders`, {
    token: world.regulatorToken,
    body: { findings: [threeFindings[0]], legalBasis: 'Measures §3.3', reason: 'Repeated missed visits' },
  });
  expect(issued.status).toBe(201);
  return { world, contractId: contract.id, rectificationId: issued.body.id as string, deadline: issued.body.deadline };
}

const list = (token: string, query = '') => stack.call('GET', `/rectifications${query}`, { token });
const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

let a: Awaited<ReturnType<typeof directOrder>>;
let b: Awaited<ReturnType<typeof directOrder>>;

beforeAll(async () => {
  // Region A shows an order due within 100 days yellow; region B keeps the default (7 days): green.
  a = await directOrder({ desk: { yellowDueWithinDays: 100 } });
  b = await directOrder();
});

it('lists each caller the orders it may see, by deadline, with the light its region’s policy gives', async () => {
  const regulatorA = await list(a.world.regulatorToken);
  expect(regulatorA.status).toBe(200);
  expect(regulatorA.body).toMatchObject({ total: 1 });
  expect(regulatorA.body.items[0]).toMatchObject({
    id: a.rectificationId,
    contractId: a.contractId,
    regionCode: a.world.regionCode,
    origin: 'regulator',
    deadline: a.deadline,
    currentDeadline: a.deadline,
    light: 'yellow',
    findingCount: 1,
    medicalInstitution: { id: a.world.medical.institutionId },
    careInstitution: { id: a.world.care.institutionId },
  });
  expect((await list(b.world.regulatorToken)).body.items).toEqual([
    expect.objectContaining({ id: b.rectificationId, light: 'green' }),
  ]);
  // A party sees its institution's orders, a liaison too; nobody sees another region's.
  expect(idsOf(await list(a.world.medical.partyToken))).toEqual([a.rectificationId]);
  expect(idsOf(await list(b.world.care.liaisonToken))).toEqual([b.rectificationId]);
  expect((await list(a.world.regulatorToken, `?regionCode=${b.world.regionCode}`)).body).toEqual({
    items: [],
    total: 0,
  });
  expect(idsOf(await list(stack.adminToken, `?regionCode=${b.world.regionCode}`))).toEqual([b.rectificationId]);

  // Status and deadline filters.
  expect((await list(a.world.regulatorToken, '?status=revoked')).body.total).toBe(0);
  expect((await list(a.world.regulatorToken, '?status=awaiting-evidence')).body.total).toBe(1);
  expect((await list(a.world.regulatorToken, '?dueBy=2000-01-01')).body.total).toBe(0);
  expect((await list(a.world.regulatorToken, `?dueBy=${a.deadline}`)).body.total).toBe(1);
});

it('pages by deadline with a cursor, and refuses a query it does not understand', async () => {
  const first = await list(stack.adminToken, '?limit=1');
  expect(first.body.total).toBeGreaterThanOrEqual(2);
  expect(first.body.items).toHaveLength(1);
  const second = await list(stack.adminToken, `?limit=1&cursor=${first.body.nextCursor}`);
  expect(second.body.items).toHaveLength(1);
  expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  expect(second.body.items[0].deadline >= first.body.items[0].deadline).toBe(true);

  for (const query of ['?status=lost', '?limit=0', '?limit=201', '?dueBy=tomorrow', '?cursor=bm9wZQ', '?sort=asc']) {
    const res = await list(a.world.regulatorToken, query);
    expect([query, res.status, res.body.type]).toEqual([query, 400, '/problems/validation-failed']);
  }
  const evaluator = await stack.call('POST', '/regions', {
    token: stack.adminToken,
    body: { code: 'RDESK0', name: 'Bad desk policy', remote: false, policy: { desk: { yellowDueWithinDays: 0 } } },
  });
  expect(evaluator.status).toBe(422);
  expect(JSON.stringify(evaluator.body)).toContain('desk.yellowDueWithinDays');
});

it('serves an image of the evidence inline under a sandbox, and anything else as a download', async () => {
  const { world, rectificationId } = b;
  await eventually(
    async () =>
      (await stack.call('GET', `/rectifications/${rectificationId}`, { token: world.regulatorToken })).body.deliveredAt,
    'the order delivered',
  );
  const order = (await stack.call('GET', `/rectifications/${rectificationId}`, { token: world.regulatorToken })).body;
  const planned = await stack.call('POST', `/rectifications/${rectificationId}/findings/F1/plan`, {
    token: world.medical.partyToken,
    body: planBody(order.deadline),
  });
  expect(planned.status).toBe(200);
  const form = new FormData();
  form.append('text:F1', 'The signed rota');
  form.append('file:F1', new Blob([PNG]), 'rota.png');
  const upload = await fetch(`${stack.baseUrl}/rectifications/${rectificationId}/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.medical.partyToken}` },
    body: form,
  });
  expect(upload.status).toBe(201);

  const file = (query: string) =>
    fetch(`${stack.baseUrl}/rectifications/${rectificationId}/evidence/files/${sha256(PNG)}${query}`, {
      headers: { authorization: `Bearer ${world.regulatorToken}` },
    });
  const inline = await file('?disposition=inline');
  expect(inline.status).toBe(200);
  expect(inline.headers.get('content-type')).toBe('image/png');
  expect(inline.headers.get('content-disposition')).toMatch(/^inline; filename="?rota\.png/);
  expect(inline.headers.get('content-security-policy')).toMatch(/default-src 'none'.*; sandbox$/);
  expect(inline.headers.get('x-content-type-options')).toBe('nosniff');
  expect(Buffer.from(await inline.arrayBuffer()).equals(PNG)).toBe(true);
  const download = await file('');
  expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="?rota\.png/);
  const bad = await file('?disposition=embed');
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { type: string }).type).toBe('/problems/validation-failed');
});
