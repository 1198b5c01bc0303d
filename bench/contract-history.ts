import { NativeConnection, Worker } from '@temporalio/worker';
import { startLocalStack } from '../scripts/local-stack';
import { contractWorkflowId } from '../messages/contract-messages';
import { apiClient, sampleTerms, seedRegion } from '../scripts/api-client';

/**
 * How long does the longest run of a 10-year contract's history get? Worst case: nothing is ever
 * recorded, so every month brings a reminder, a missed verdict, an escalation and mail. Compared
 * with a bare single-run baseline (one timer a month, nothing else) measured on the same server.
 */
const YEARS = Number(process.argv.find((a) => a.startsWith('--years='))?.split('=')[1] ?? 10);
const DAY_MS = Number(process.argv.find((a) => a.startsWith('--day-ms='))?.split('=')[1] ?? 25);
const GOAL = 2000;

async function main() {
  const stack = await startLocalStack();
  try {
    const call = apiClient(stack.apiUrl);
    const timeScale = 86_400_000 / DAY_MS;
    const seed = await seedRegion(call, stack.adminToken, 'BENCH', { timeScale, signing: { windowDays: 3650 } });
    // The baseline runs beside the contract, over the same span of real time.
    const months = YEARS * 12;
    const native = await NativeConnection.connect({ address: stack.temporalAddress });
    const baselineWorker = await Worker.create({
      connection: native,
      taskQueue: 'bench-baseline',
      workflowsPath: require.resolve('./baseline-workflows'),
    });
    const baselineRun = baselineWorker.run();
    const baselineHandle = await stack.temporal.workflow.start('monthlyTimerBaseline', {
      taskQueue: 'bench-baseline',
      workflowId: `baseline-${Date.now()}`,
      args: [months, DAY_MS * 30],
    });
    const termStart = '2027-01-01';
    const termEnd = `${2027 + YEARS - 1}-12-31`;
    const started = Date.now();
    const contract = await call('POST', '/contracts', seed.regulator.token, {
      medicalInstitutionId: seed.hospital.id,
      careInstitutionId: seed.home.id,
      medicalLiaisonUserId: seed.hospitalLiaison.user.id,
      careLiaisonUserId: seed.homeLiaison.user.id,
      termStart,
      termEnd,
      terms: sampleTerms,
    });
    await call('POST', `/contracts/${contract.id}/signatures`, seed.hospitalParty.token);
    await call('POST', `/contracts/${contract.id}/signatures`, seed.homeParty.token);
    console.log(
      `contract ${contract.id}: ${termStart} … ${termEnd}, one policy day = ${DAY_MS} ms; waiting for expiry…`,
    );
    const result = await stack.temporal.workflow.getHandle(contractWorkflowId(contract.id)).result();
    const contractWallMs = Date.now() - started;

    const runs: number[] = [];
    for await (const execution of stack.temporal.workflow.list({
      query: `WorkflowId = "${contractWorkflowId(contract.id)}"`,
    }))
      runs.push(execution.historyLength);

    await baselineHandle.result();
    const baseline = (await baselineHandle.describe()).historyLength;
    baselineWorker.shutdown();
    await baselineRun;
    await native.close();

    const longest = Math.max(...runs);
    const total = runs.reduce((a, b) => a + b, 0);
    console.log(`
contract history over ${YEARS} years (${months} months), worst case (no facts ever recorded):
  final status                 ${result}
  runs (continue-as-new)       ${runs.length}
  longest run                  ${longest} events   (goal < ${GOAL}: ${longest < GOAL ? 'met' : 'NOT met'}; ${(longest / GOAL).toFixed(3)} of the goal)
  mean run                     ${(total / runs.length).toFixed(1)} events
  all runs together            ${total} events
  mails sent                   ${stack.mail.mails().length}
  wall time                    ${(contractWallMs / 1000).toFixed(1)} s
bare baseline, same server, one run, one timer a month:
  history                      ${baseline} events
  longest contract run / bare  ${(longest / baseline).toFixed(3)}
`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
