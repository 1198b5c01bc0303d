import { evaluationCycleWorkflowId } from '../../messages/evaluation-messages';
import { startLocalStack, type LocalStack } from '../../scripts/local-stack';
import {
  expectEachContractEvaluatedOnce,
  expectWorkers,
  seedCycleDrill,
  startedEvaluations,
  until,
  waitForFanOut,
} from '../support/cycle-drill';

/**
 * Drill (issue 14): PostgreSQL stops for 30 s in the middle of an evaluation cycle's fan-out. It
 * holds CarePact's data and the Temporal cluster's persistence, so both lose their database at
 * once. When it is back, activities retry and the fan-out completes: nothing lost, nothing doubled.
 */
const CONTRACTS = 1000;
const PAGE = 250;
const DOWN_MS = 30_000;

/** The cycle's activities over all its runs (one per page): the most attempts one needed, and any that never completed. */
async function activityAttempts(stack: LocalStack, cycleId: string) {
  let maxAttempt = 0;
  let unfinished = 0;
  for await (const run of stack.temporal.workflow.list({
    query: `WorkflowId="${evaluationCycleWorkflowId(cycleId)}"`,
  })) {
    const history = await stack.temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    for (const event of history.events ?? []) {
      maxAttempt = Math.max(maxAttempt, event.activityTaskStartedEventAttributes?.attempt ?? 0);
      if (event.activityTaskFailedEventAttributes || event.activityTaskTimedOutEventAttributes) unfinished += 1;
    }
  }
  return { maxAttempt, unfinished };
}

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ temporalMode: 'cluster', workerProcesses: 2 });
}, 300_000);
afterAll(async () => stack?.stop(), 120_000);

it('PostgreSQL down for 30 s mid-fan-out: activities retry, every contract evaluated once, every mail once', async () => {
  const t0 = Date.now();
  const drill = await seedCycleDrill(stack, 'PGOUT', CONTRACTS, PAGE);
  const cycleId = await drill.launch();
  const launched = Date.now();

  const startedAtOutage = await until(
    async () => {
      expectWorkers(stack, 2);
      const started = await startedEvaluations(stack, drill.regionCode);
      return started >= PAGE && started;
    },
    'the first page of evaluations to start',
    180_000,
  );
  await stack.postgres.stop();
  const stopped = Date.now();
  await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
  await stack.postgres.start();
  const restarted = Date.now();
  expect(startedAtOutage).toBeLessThan(CONTRACTS);

  await waitForFanOut(stack, cycleId, 300_000);
  const fannedOut = Date.now();
  // Neither the workers nor the Temporal server gave up while their database was gone.
  expectWorkers(stack, 2);
  expect(stack.temporalServer.cluster!.serverPid()).toBeDefined();
  await expectEachContractEvaluatedOnce(stack, drill, cycleId);
  const attempts = await activityAttempts(stack, cycleId);
  // Every activity of the cycle's runs completed in the end: none failed or timed out for good.
  expect(attempts.unfinished).toBe(0);
  console.log(
    `seed ${launched - t0} ms; PostgreSQL stopped at ${startedAtOutage} started, ${stopped - launched} ms after launch, ` +
      `back after ${restarted - stopped} ms; fan-out done ${fannedOut - restarted} ms after; checks ${Date.now() - fannedOut} ms; ` +
      `the cycle's activities took up to ${attempts.maxAttempt} attempts`,
  );
}, 600_000);
