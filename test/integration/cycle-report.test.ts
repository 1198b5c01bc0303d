import { addDays, shanghaiDateOf } from '../../domain/calendar';
import { createEvaluatorOrg, scores } from '../support/evaluation-fixtures';
import { UNKNOWN_ID } from '../support/evaluator-helpers';
import { activeContract, createWorld, eventually, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  // Real time with a generous window: nothing here waits for a deadline to pass.
  world = await createWorld(stack, {
    signing: { windowDays: 365 },
    obligations: { visitsPerMonth: 0 },
    evaluation: { consistencyMaxDeviation: 10, consistencyMinScores: 1 },
  });
});
afterAll(async () => stack?.stop());

it("reports a cycle's grade distribution and evaluator consistency by its policy, and lists its overdue evaluations in pages", async () => {
  const orgA = await createEvaluatorOrg(stack, world, 'Lenient evaluators');
  const orgB = await createEvaluatorOrg(stack, world, 'Strict evaluators', 'en');
  for (let i = 0; i < 4; i++) await activeContract(stack, world);
  const launch = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half: '2026-H2', deadline: addDays(shanghaiDateOf(Date.now()), 60) },
  });
  expect(launch.status).toBe(201);
  const cycleId = launch.body.id as string;
  await eventually(async () => {
    const res = await stack.call('GET', `/evaluation-cycles/${cycleId}`, { token: world.regulatorToken });
    return res.body.fanOutCompletedAt && res.body;
  }, 'the fan-out to finish');

  const empty = await stack.call('GET', `/evaluation-cycles/${cycleId}/report`, { token: world.regulatorToken });
  expect(empty.status).toBe(200);
  expect(empty.body).toEqual({
    cycleId,
    status: 'running',
    graded: 0,
    distribution: { excellent: 0, qualified: 0, unqualified: 0 },
    consistency: { maxDeviation: 10, minScores: 1, organizations: [] },
  });

  const evaluations = (await stack.call('GET', `/evaluations?cycleId=${cycleId}`, { token: world.regulatorToken })).body
    .items as { id: string; organizationId: string; contractId: string }[];
  const ofA = evaluations.filter((e) => e.organizationId === orgA.id);
  const ofB = evaluations.filter((e) => e.organizationId === orgB.id);
  expect([ofA.length, ofB.length]).toEqual([2, 2]);
  const submit = (e: { id: string }, token: string, score: number) =>
    eventually(async () => {
      const res = await stack.call('POST', `/evaluations/${e.id}/scores`, { token, body: scores(score) });
      return res.status === 200 && res;
    }, `scores for ${e.id}`);
  await submit(ofA[0]!, orgA.token, 95);
  await submit(ofA[1]!, orgA.token, 95);
  await submit(ofB[0]!, orgB.token, 60);

  const report = await eventually(async () => {
    const res = await stack.call('GET', `/evaluation-cycles/${cycleId}/report`, { token: world.regulatorToken });
    return res.body.graded === 3 && res.body;
  }, 'three graded');
  expect(report.distribution).toEqual({ excellent: 2, qualified: 1, unqualified: 0 });
  // Region mean (95 + 95 + 60) / 3 = 83.33: A is 11.67 above, B 23.33 below; both beyond 10.
  const byOrg = Object.fromEntries(report.consistency.organizations.map((o: any) => [o.organizationId, o]));
  expect(byOrg[orgA.id]).toMatchObject({ organizationName: 'Lenient evaluators', graded: 2, mean: 95, flagged: true });
  expect(byOrg[orgA.id].deviation).toBeCloseTo(11.67, 2);
  expect(byOrg[orgB.id]).toMatchObject({ graded: 1, mean: 60, flagged: true });
  expect(byOrg[orgB.id].deviation).toBeCloseTo(-23.33, 2);

  // The last unscored evaluation passes its deadline (moved in the database: no window to wait out).
  const late = ofB[1]!;
  const none = await stack.call('GET', `/evaluation-cycles/${cycleId}/overdue-evaluations`, {
    token: world.regulatorToken,
  });
  expect(none.body).toEqual({ items: [], total: 0 });
  await stack
    .db('evaluations')
    .where({ id: late.id })
    .update({ deadline: addDays(shanghaiDateOf(Date.now()), -1) });
  await stack
    .db('evaluations')
    .where({ id: ofA[0]!.id })
    .update({ deadline: addDays(shanghaiDateOf(Date.now()), -2) });
  const first = await stack.call('GET', `/evaluation-cycles/${cycleId}/overdue-evaluations?limit=1`, {
    token: world.regulatorToken,
  });
  expect(first.status).toBe(200);
  // A graded evaluation is never overdue, whatever its deadline.
  expect(first.body).toMatchObject({
    total: 1,
    items: [
      {
        id: late.id,
        contractId: late.contractId,
        organizationId: orgB.id,
        organizationName: 'Strict evaluators',
        careInstitutionName: `幸福养老院 ${world.regionCode}`,
        deadline: addDays(shanghaiDateOf(Date.now()), -1),
      },
    ],
  });
  expect(first.body.nextCursor).toEqual(expect.any(String));
  const second = await stack.call(
    'GET',
    `/evaluation-cycles/${cycleId}/overdue-evaluations?limit=1&cursor=${first.body.nextCursor}`,
    { token: world.regulatorToken },
  );
  expect(second.body).toEqual({ items: [], total: 1 });

  // Strict validation, roles and visibility.
  for (const query of ['limit=0', 'limit=201', 'limit=x', 'cursor=not*a*cursor', 'cursor=bm90IGEgY3Vyc29y', 'page=2']) {
    const res = await stack.call('GET', `/evaluation-cycles/${cycleId}/overdue-evaluations?${query}`, {
      token: world.regulatorToken,
    });
    expect([query, res.status, res.body.type]).toEqual([query, 400, '/problems/validation-failed']);
  }
  for (const path of [
    `/evaluation-cycles/${UNKNOWN_ID}/report`,
    `/evaluation-cycles/${UNKNOWN_ID}/overdue-evaluations`,
  ])
    expect((await stack.call('GET', path, { token: world.regulatorToken })).status).toBe(404);
  expect(
    (await stack.call('GET', `/evaluation-cycles/not-a-uuid/report`, { token: world.regulatorToken })).status,
  ).toBe(400);
  expect((await stack.call('GET', `/evaluation-cycles/${cycleId}/report`, { token: orgA.token })).status).toBe(403);
  const other = await createWorld(stack);
  for (const path of [`/evaluation-cycles/${cycleId}/report`, `/evaluation-cycles/${cycleId}/overdue-evaluations`])
    expect((await stack.call('GET', path, { token: other.regulatorToken })).status).toBe(404);
});
