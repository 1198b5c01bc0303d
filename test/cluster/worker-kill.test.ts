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
 * Drill (issue 14): a worker process dies by SIGKILL, as an OOM kill would, in the middle of an
 * evaluation cycle's fan-out over 2,000 contracts on a Temporal cluster with two workers. The
 * surviving worker and a replacement finish it: every contract evaluated once, every mail once.
 */
const CONTRACTS = 2000;
const PAGE = 250;

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ temporalMode: 'cluster', workerProcesses: 2 });
}, 300_000);
afterAll(async () => stack?.stop(), 120_000);

it('a worker killed mid-fan-out: every contract evaluated exactly once, every mail once', async () => {
  const t0 = Date.now();
  const drill = await seedCycleDrill(stack, 'KILL', CONTRACTS, PAGE);
  const cycleId = await drill.launch();
  const launched = Date.now();

  const startedAtKill = await until(
    async () => {
      expectWorkers(stack, 2);
      const started = await startedEvaluations(stack, drill.regionCode);
      return started >= 600 && started;
    },
    'some hundreds of evaluations to start',
    180_000,
  );
  const [victim, survivor] = stack.workers!.pids();
  await stack.workers!.kill(victim!);
  expect(stack.workers!.pids()).toEqual([survivor]);
  const killed = Date.now();
  const replacement = await stack.workers!.add();
  expect(startedAtKill).toBeLessThan(CONTRACTS);

  await waitForFanOut(stack, cycleId, 300_000);
  const fannedOut = Date.now();
  await expectEachContractEvaluatedOnce(stack, drill, cycleId);
  console.log(
    `seed ${launched - t0} ms; kill at ${startedAtKill} started, ${killed - launched} ms after launch; ` +
      `fan-out done ${fannedOut - launched} ms after launch; checks ${Date.now() - fannedOut} ms`,
  );
  // Both workers that lived through it are still up.
  expect(stack.workers!.pids()).toEqual([survivor, replacement]);
}, 600_000);
