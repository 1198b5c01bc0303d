import { createEvaluatorOrg } from '../support/evaluation-fixtures';
import { activeContract, createWorld, eventually, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

/**
 * Issue 13: an evaluator lists its own assignments without naming a cycle, a page at a time, soonest
 * deadline first; the query is checked strictly; it reads the obligation record of a contract it was
 * assigned, and of no other.
 */
let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, { signing: { windowDays: 365 }, obligations: { visitsPerMonth: 0 } });
});
afterAll(async () => stack?.stop());

it('lists an evaluator’s assignments without a cycle, pages them, refuses bad queries, and scopes the obligation record', async () => {
  const org = await createEvaluatorOrg(stack, world, 'Evaluator of assignments', 'en');
  const assigned = [await activeContract(stack, world), await activeContract(stack, world)];
  const cycle = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half: '2026-H2' },
  });
  expect(cycle.status).toBe(201);
  await eventually(
    async () =>
      (await stack.call('GET', `/evaluation-cycles/${cycle.body.id}`, { token: world.regulatorToken })).body
        .fanOutCompletedAt,
    'the fan-out',
  );
  const notAssigned = await activeContract(stack, world);

  const all = await stack.call('GET', '/evaluations', { token: org.token });
  expect(all.status).toBe(200);
  expect(all.body.total).toBe(2);
  expect(all.body.nextCursor).toBeUndefined();
  expect(new Set(all.body.items.map((e: { contractId: string }) => e.contractId))).toEqual(
    new Set(assigned.map((c) => c.id)),
  );
  const rows = await stack
    .db('evaluations')
    .where({ evaluator_organization_id: org.id })
    .orderBy([{ column: 'deadline' }, { column: 'id' }])
    .select('id', 'status', stack.db.raw(`to_char(deadline, 'YYYY-MM-DD') AS deadline`));
  expect(
    all.body.items.map((e: { id: string; status: string; deadline: string }) => [e.id, e.status, e.deadline]),
  ).toEqual(rows.map((r) => [r.id, r.status, r.deadline]));

  // A page at a time: the first page's cursor leads to the second and last.
  const first = await stack.call('GET', '/evaluations?limit=1', { token: org.token });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ total: 2, items: [{ id: rows[0].id }] });
  expect(first.body.nextCursor).toEqual(expect.any(String));
  const second = await stack.call('GET', `/evaluations?limit=1&cursor=${first.body.nextCursor}`, { token: org.token });
  expect(second.body.items.map((e: { id: string }) => e.id)).toEqual([rows[1].id]);
  const beyond = await stack.call('GET', `/evaluations?limit=1&cursor=${second.body.nextCursor}`, { token: org.token });
  expect(beyond.body).toMatchObject({ total: 2, items: [] });

  // The status and cycle filters narrow the same list.
  expect((await stack.call('GET', '/evaluations?status=graded', { token: org.token })).body.total).toBe(0);
  expect(
    (await stack.call('GET', `/evaluations?cycleId=${cycle.body.id}&status=assigned`, { token: org.token })).body.total,
  ).toBe(2);

  // Strict query: unknown keys, a bad limit, status or cycle id, a cursor this API never gave out are 400 problems.
  const forged = Buffer.from(JSON.stringify(['not-a-date', rows[0].id])).toString('base64url');
  for (const query of [
    '?page=2',
    '?limit=0',
    '?limit=201',
    '?status=lost',
    '?cycleId=nope',
    '?cursor=%24%24',
    `?cursor=${forged}`,
  ]) {
    const res = await stack.call('GET', `/evaluations${query}`, { token: org.token });
    expect([query, res.status, res.contentType]).toEqual([
      query,
      400,
      expect.stringContaining('application/problem+json'),
    ]);
    expect(res.body.type).toBe('/problems/validation-failed');
  }

  // A regulator reads evaluations cycle by cycle: without a cycle id the query is refused, with one it is paged.
  const unnamed = await stack.call('GET', '/evaluations', { token: world.regulatorToken });
  expect(unnamed.status).toBe(400);
  expect(unnamed.body.errors).toEqual([expect.objectContaining({ path: 'query.cycleId' })]);
  const ofCycle = await stack.call('GET', `/evaluations?cycleId=${cycle.body.id}&limit=1`, {
    token: world.regulatorToken,
  });
  expect(ofCycle.status).toBe(200);
  expect(ofCycle.body).toMatchObject({ total: 2, items: [{ id: rows[0].id }] });

  // The obligation record: the assigned contract's, not another's (reported absent, so ids do not leak).
  const record = await stack.call('GET', `/contracts/${assigned[0].id}/compliance`, { token: org.token });
  expect(record.status).toBe(200);
  expect(record.body.contractId).toBe(assigned[0].id);
  const other = await stack.call('GET', `/contracts/${notAssigned.id}/compliance`, { token: org.token });
  expect(other.status).toBe(404);
});
