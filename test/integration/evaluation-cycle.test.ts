import { addDays, shanghaiDateOf } from '../../domain/calendar';
import { evaluationCycleWorkflowId, evaluationWorkflowId } from '../../messages/evaluation-messages';
import { countRows } from '../support/db-counts';
import { createEvaluatorOrg, scores } from '../support/evaluation-fixtures';
import { activeContract, createParty, createWorld, eventually, World } from '../support/fixtures';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;
let world: World;

// One policy day in 80 ms: the 40-day scoring window passes in about 3 s.
const TIME_SCALE = 1_080_000;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, {
    timeScale: TIME_SCALE,
    signing: { windowDays: 365 },
    obligations: { visitsPerMonth: 0 },
    // Each of the two organizations grades two contracts: both are compared (the default asks for 3).
    evaluation: { consistencyMinScores: 2 },
  });
});
afterAll(async () => stack?.stop());

const template = (name: string) => (m: { headers: Record<string, string> }) =>
  m.headers['x-carepact-template'] === name;

it('runs a cycle: balanced conflict-free assignment, scoring, grades and their consequences, an overdue evaluation, a relaunch that changes nothing', async () => {
  const relatedHome = await createParty(
    stack,
    world.regulatorToken,
    world.regionCode,
    'elderly_care',
    `关联养老院 ${world.regionCode}`,
    'zh-CN',
  );
  const orgA = await createEvaluatorOrg(stack, world, 'Evaluator A');
  const orgB = await createEvaluatorOrg(stack, world, 'Evaluator B', 'en');
  expect(
    (
      await stack.call('POST', `/evaluator-organizations/${orgB.id}/relations`, {
        token: world.regulatorToken,
        body: { institutionId: relatedHome.institutionId, relation: 'same parent group' },
      })
    ).status,
  ).toBeLessThan(300);

  const contracts = [];
  for (let i = 0; i < 3; i++) contracts.push(await activeContract(stack, world));
  const conflicted = await activeContract(stack, { ...world, care: relatedHome });

  const deadline = addDays(shanghaiDateOf(Date.now()), 40);
  const launch = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half: '2026-H2', deadline },
  });
  expect(launch.status).toBe(201);
  const cycleId = launch.body.id;
  const relaunch = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half: '2026-H2', deadline },
  });
  expect(relaunch.status).toBe(200);
  expect(relaunch.body.id).toBe(cycleId);

  const fannedOut = await eventually(async () => {
    const res = await stack.call('GET', `/evaluation-cycles/${cycleId}`, { token: world.regulatorToken });
    return res.body.fanOutCompletedAt && res.body;
  }, 'the fan-out to finish');
  expect(fannedOut.progress).toMatchObject({ inScope: 4, assigned: 4, graded: 0 });
  expect(fannedOut.progress.byOrganization.map((o: { assigned: number }) => o.assigned).sort()).toEqual([2, 2]);
  const evaluations = (await stack.call('GET', `/evaluations?cycleId=${cycleId}`, { token: world.regulatorToken })).body
    .items;
  expect(evaluations).toHaveLength(4);
  const byContract = Object.fromEntries(evaluations.map((e: { contractId: string }) => [e.contractId, e]));
  expect(byContract[conflicted.id].organizationId).toBe(orgA.id); // orgB is related to that home
  expect(byContract[contracts[0]!.id].evidence).toHaveProperty('periods');
  await stack.mail.waitFor(template('evaluation-assigned'), { count: 2 });

  const tokenFor = (e: { organizationId: string }) => (e.organizationId === orgA.id ? orgA.token : orgB.token);
  const otherToken = (e: { organizationId: string }) => (e.organizationId === orgA.id ? orgB.token : orgA.token);
  const [excellent, qualified, unqualified] = contracts.map((c) => byContract[c.id]);
  const late = byContract[conflicted.id];

  const before = await countRows(stack.db, 'evaluations', { status: 'graded' });
  const wrong = await stack.call('POST', `/evaluations/${excellent.id}/scores`, {
    token: otherToken(excellent),
    body: scores(90),
  });
  expect(wrong.status).toBe(wrong.body.type === '/problems/not-found' ? 404 : 403);
  const outOfRange = await stack.call('POST', `/evaluations/${excellent.id}/scores`, {
    token: tokenFor(excellent),
    body: scores(101),
  });
  expect(outOfRange.status).toBe(400);
  expect(outOfRange.contentType).toContain('application/problem+json');
  expect(outOfRange.body.detail).toMatch(/serviceQuality\.score/);
  expect(await countRows(stack.db, 'evaluations', { status: 'graded' })).toBe(before);

  const grade = async (e: { id: string; organizationId: string }, s: number) => {
    const res = await stack.call('POST', `/evaluations/${e.id}/scores`, { token: tokenFor(e), body: scores(s) });
    expect(res.status).toBe(200);
    return res.body;
  };
  expect(await grade(excellent, 92)).toMatchObject({ status: 'graded', grade: 'excellent', weightedScore: 92 });
  expect(await grade(qualified, 70)).toMatchObject({ grade: 'qualified' });
  const failed = await grade(unqualified, 40);
  expect(failed).toMatchObject({ grade: 'unqualified', rectificationId: expect.any(String) });
  const twice = await stack.call('POST', `/evaluations/${excellent.id}/scores`, {
    token: tokenFor(excellent),
    body: scores(50),
  });
  expect(twice.status).toBe(409);
  expect(twice.body.type).toBe('/problems/already-graded');

  const excellentContract = (await stack.call('GET', `/contracts/${contracts[0]!.id}`, { token: world.regulatorToken }))
    .body;
  expect(excellentContract).toMatchObject({ lastGrade: 'excellent', modelPriority: true, gradeSubsidyFactorBp: 13000 });
  // The graded mail states the consequences in the policy's own numbers, in each liaison's language.
  const excellentMails = await stack.mail.waitFor(
    (m) => template('evaluation-graded')(m) && m.text!.includes(`/evaluations/${excellent.id}`),
    { count: 2 },
  );
  expect(excellentMails.map((m) => m.text).sort()).toEqual([
    expect.stringContaining('The subsidy rises by 30% and the contract gets priority as a model.'),
    expect.stringContaining('补贴上浮 30%，并优先纳入示范创建。'),
  ]);
  const order = await stack.db('rectification_orders').where({ id: failed.rectificationId }).first();
  expect(order).toMatchObject({ contract_id: contracts[2]!.id, status: 'issued' });
  await stack.mail.waitFor(template('rectification-ordered'), { count: 3 });

  await eventually(
    async () => (await stack.db('evaluations').where({ id: late.id }).first()).overdue,
    'the unscored evaluation to be overdue',
    20_000,
  );
  const overdueMail = await stack.mail.waitFor(template('evaluation-overdue'));
  expect(overdueMail[0]!.envelopeTo).toEqual([world.regulatorEmail]);
  expect(stack.mail.mails().filter(template('evaluation-reminder')).length).toBeGreaterThanOrEqual(1);
  expect(await grade(late, 65)).toMatchObject({ grade: 'qualified' });

  const closed = await eventually(async () => {
    const res = await stack.call('GET', `/evaluation-cycles/${cycleId}`, { token: world.regulatorToken });
    return res.body.status === 'closed' && res.body;
  }, 'the cycle to close');
  expect(closed.gradeDistribution).toEqual({ excellent: 1, qualified: 2, unqualified: 1 });
  // The late one is overdue by design; on a loaded machine another may pass its 3 s window before it
  // is scored. Either way the cycle counts exactly the evaluations stored as overdue.
  const overdueRows = await countRows(stack.db, 'evaluations', { cycle_id: cycleId, overdue: true });
  expect(overdueRows).toBeGreaterThanOrEqual(1);
  expect(closed.progress).toMatchObject({ inScope: 4, graded: 4, overdue: overdueRows });
  expect(closed.report.consistency).toHaveLength(2);
  await stack.mail.waitFor(template('evaluation-cycle-closed'));

  const graded = stack.mail.mails().filter(template('evaluation-graded'));
  expect(graded).toHaveLength(8); // both liaison officers of each of the 4 contracts, once
  expect(await countRows(stack.db, 'evaluations')).toBe(4);
  const cycles: string[] = [];
  for await (const w of stack.temporal.workflow.list({
    query: `WorkflowType = "evaluationCycleWorkflow" AND CarePactRegion = "${world.regionCode}"`,
  }))
    cycles.push(w.workflowId);
  expect(new Set(cycles)).toEqual(new Set([evaluationCycleWorkflowId(cycleId)]));
  await recordHistory(stack, evaluationCycleWorkflowId(cycleId), 'evaluation-cycle-closed');
  await recordHistory(stack, evaluationWorkflowId(cycleId, conflicted.id), 'evaluation-overdue-then-graded');
});
