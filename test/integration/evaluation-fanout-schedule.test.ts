import { nextPeriod, periodContaining } from '../../domain/calendar';
import type { CapturedMail } from '../../platform/mail-catcher';
import { countRows } from '../support/db-counts';
import { createEvaluatorOrg } from '../support/evaluation-fixtures';
import { activeContract, createWorld, eventually, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ workerProcess: 'child' });
});
afterAll(async () => stack?.stop());

/**
 * A region with two evaluator organizations (their evaluators' addresses tell this region's mails from another test's).
 */
async function regionWithContracts(
  count: number,
  policy: Record<string, unknown>,
): Promise<{ world: World; evaluatorEmails: string[] }> {
  const world = await createWorld(stack, { signing: { windowDays: 365 }, ...policy });
  const one = await createEvaluatorOrg(stack, world, 'Org One');
  const two = await createEvaluatorOrg(stack, world, 'Org Two', 'en');
  for (let i = 0; i < count; i++) await activeContract(stack, world);
  return { world, evaluatorEmails: [one.email, two.email] };
}

it('survives a worker SIGKILLed mid fan-out: every evaluation exactly once, each assignment mail once', async () => {
  const { world, evaluatorEmails } = await regionWithContracts(24, { evaluation: { fanOutPageSize: 4 } });
  const launch = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half: '2026-H2' },
  });
  expect(launch.status).toBe(201);
  await eventually(
    async () => (await countRows(stack.db, 'evaluations', { cycle_id: launch.body.id })) > 0,
    'the first page',
  );
  await stack.killWorker();
  const atKill = await countRows(stack.db, 'evaluations', { cycle_id: launch.body.id });
  await stack.startWorker();

  const cycle = await eventually(
    async () => {
      const res = await stack.call('GET', `/evaluation-cycles/${launch.body.id}`, { token: world.regulatorToken });
      return res.body.fanOutCompletedAt && res.body;
    },
    'the fan-out to finish',
    60_000,
  );
  expect(atKill).toBeLessThan(24);
  expect(cycle.progress).toMatchObject({ inScope: 24, assigned: 24 });
  expect(cycle.progress.byOrganization.map((o: { assigned: number }) => o.assigned)).toEqual([12, 12]);
  const perContract = await stack
    .db('evaluations')
    .where({ cycle_id: launch.body.id })
    .groupBy('contract_id')
    .select('contract_id')
    .count({ n: '*' });
  expect(perContract).toHaveLength(24);
  expect(perContract.every((r) => Number(r.n) === 1)).toBe(true);

  const children = await eventually(async () => {
    const ids: string[] = [];
    for await (const w of stack.temporal.workflow.list({ query: 'WorkflowType = "evaluationWorkflow"' }))
      if (w.workflowId.startsWith(`evaluation-${launch.body.id}-`)) ids.push(w.workflowId);
    return ids.length >= 24 && ids;
  }, 'the evaluation workflows to be visible');
  expect(new Set(children).size).toBe(24);
  expect(children).toHaveLength(24);

  const assignedHere = (m: CapturedMail) =>
    m.headers['x-carepact-template'] === 'evaluation-assigned' && evaluatorEmails.includes(m.envelopeTo[0]!);
  const assigned = await stack.mail.waitFor(assignedHere, { count: 2 });
  await new Promise((r) => setTimeout(r, 1000));
  expect(stack.mail.mails().filter(assignedHere)).toHaveLength(assigned.length);
  expect(assigned.map((m) => m.text!.match(/(\d+) (份|cooperation)/)?.[1])).toEqual(['12', '12']);
});

it('puts a region on a schedule (1 January and 1 July, Asia/Shanghai), pauses and resumes it; a scheduled launch is idempotent', async () => {
  const { world } = await regionWithContracts(2, {});
  // The next two half-years from now: 1 January or 1 July, 00:00 in Shanghai.
  const nextHalf = nextPeriod(periodContaining('half-year', Date.now()));
  const put = await stack.call('PUT', `/regions/${world.regionCode}/evaluation-schedule`, {
    token: world.regulatorToken,
  });
  expect(put.status).toBe(200);
  expect(put.body.paused).toBe(false);
  expect(put.body.nextLaunches.slice(0, 2)).toEqual(
    [nextHalf, nextPeriod(nextHalf)].map((half) => new Date(half.startMs).toISOString()),
  );
  expect(put.body.nextLaunches[0]).toMatch(/-(12-31|06-30)T16:00:00\.000Z$/); // midnight in Shanghai, not UTC
  // A second PUT finds the schedule there: same answer, nothing created or audited twice.
  const again = await stack.call('PUT', `/regions/${world.regionCode}/evaluation-schedule`, {
    token: world.regulatorToken,
  });
  expect(again.status).toBe(200);
  expect(again.body.scheduleId).toBe(put.body.scheduleId);
  expect(
    await stack
      .db('audit_log')
      .where({ action: 'evaluation-schedule.created', entity_id: world.regionCode })
      .count({ n: '*' }),
  ).toEqual([{ n: '1' }]);

  const paused = await stack.call('POST', `/regions/${world.regionCode}/evaluation-schedule/pause`, {
    token: world.regulatorToken,
    body: { note: 'district reorganisation' },
  });
  expect(paused.body).toMatchObject({ paused: true, note: 'district reorganisation' });
  const resumed = await stack.call('POST', `/regions/${world.regionCode}/evaluation-schedule/resume`, {
    token: world.regulatorToken,
    body: {},
  });
  expect(resumed.body.paused).toBe(false);

  await stack.temporal.schedule.getHandle(put.body.scheduleId).trigger();
  const half = periodContaining('half-year', Date.now()).key;
  const scheduled = await eventually(
    async () => stack.db('evaluation_cycles').where({ region_code: world.regionCode, half }).first(),
    'the scheduled cycle',
  );
  expect(scheduled.launched_by).toBeNull();
  const manual = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half },
  });
  expect(manual.status).toBe(200);
  expect(manual.body.id).toBe(scheduled.id);
  await eventually(
    async () => (await countRows(stack.db, 'evaluations', { cycle_id: scheduled.id })) === 2,
    'both contracts to be in scope',
  );
  // The launch and its cycle are found in Temporal by region, kind and status (visibility catches up shortly).
  for (const [kind, status] of [
    ['scheduled-evaluation-cycle', 'launched'],
    ['evaluation-cycle', 'running'],
  ]) {
    const query = `CarePactKind="${kind}" AND CarePactRegion="${world.regionCode}" AND CarePactStatus="${status}"`;
    await eventually(
      async () => {
        let found = 0;
        for await (const _ of stack.temporal.workflow.list({ query })) found += 1;
        return found === 1;
      },
      query,
      20_000,
    );
  }

  const other = await createWorld(stack);
  // Another region is as absent to its regulator as a region that does not exist.
  const forbidden = await stack.call('POST', `/regions/${world.regionCode}/evaluation-schedule/pause`, {
    token: other.regulatorToken,
    body: {},
  });
  expect(forbidden.status).toBe(404);
});
