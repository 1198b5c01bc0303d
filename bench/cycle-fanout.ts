import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startLocalStack } from '../scripts/local-stack';
import { apiClient, sampleTerms, seedRegion } from '../scripts/api-client';
import { cpuSecondsByProcess, cpuSince, formatCpu } from './process-cpu';
import { printCycleDiagnostics } from './cycle-diagnostics';
import { counterDelta, serverCounters } from './server-metrics';

/**
 * Wall time of an evaluation cycle's fan-out over N active contracts, against a bare fan-out of N
 * no-op children with the same paging on the same server in the same run, and the process's peak RSS.
 */
const arg = (name: string, fallback: number) =>
  Number(
    process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ??
      process.argv[process.argv.indexOf(`--${name}`) + 1] ??
      fallback,
  ) || fallback;
const CONTRACTS = arg('contracts', 10_000);
const PAGE = arg('page', 500);

async function main() {
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const stack = await startLocalStack();
  try {
    const call = apiClient(stack.apiUrl);
    const seed = await seedRegion(call, stack.adminToken, 'CYCLE', { evaluation: { fanOutPageSize: PAGE } });
    for (const name of ['Org One', 'Org Two', 'Org Three']) {
      const org = await call('POST', '/evaluator-organizations', seed.regulator.token, { regionCode: 'CYCLE', name });
      await call('POST', '/users', seed.regulator.token, {
        name: `${name} lead`,
        email: `${name.replace(' ', '').toLowerCase()}@bench.local`,
        role: 'evaluator',
        evaluatorOrganizationId: org.id,
        locale: 'en',
      });
    }
    // Contracts are written straight to the table: the fan-out is what is measured, not drafting.
    const template = await stack.db('contracts').insert(contractRow(seed, randomUUID())).returning('*');
    for (let i = 1; i < CONTRACTS; i += 1000) {
      await stack
        .db('contracts')
        .insert(Array.from({ length: Math.min(1000, CONTRACTS - i) }, () => ({ ...template[0], id: randomUUID() })));
    }
    console.log(`${CONTRACTS} active contracts, pages of ${PAGE}; measuring the bare fan-out…`);

    const native = await NativeConnection.connect({ address: stack.temporalAddress });
    const cpu: Record<string, Record<string, number>> = {};
    const metrics: Record<string, Map<string, number>> = {};
    const bareFanOut = async (label: string) =>
      (
        await Worker.create({
          connection: native,
          taskQueue: 'bench-bare',
          workflowsPath: require.resolve('./baseline-workflows'),
        })
      ).runUntil(async () => {
        const t0 = Date.now();
        const cpu0 = cpuSecondsByProcess();
        const m0 = await serverCounters(stack.temporalMetricsUrl);
        await stack.temporal.workflow.execute('bareFanOut', {
          taskQueue: 'bench-bare',
          workflowId: `bare-${randomUUID()}`,
          args: [CONTRACTS, PAGE],
        });
        cpu[label] = cpuSince(cpu0);
        metrics[label] = counterDelta(m0, await serverCounters(stack.temporalMetricsUrl));
        return Date.now() - t0;
      });
    // Bare before and after: the server grows fuller as the run goes on, so neither side gets the emptier one.
    const bareBefore = await bareFanOut('bare before');
    const bareRss = peakRss;

    console.log('measuring the evaluation cycle fan-out…');
    const started = Date.now();
    const cycleCpu0 = cpuSecondsByProcess();
    const cycleM0 = await serverCounters(stack.temporalMetricsUrl);
    const cycle = await call('POST', '/evaluation-cycles', seed.regulator.token, {
      regionCode: 'CYCLE',
      half: '2026-H2',
    });
    for (;;) {
      const row = await stack.db('evaluation_cycles').where({ id: cycle.id }).first();
      if (row.fanout_completed_at) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const cycleMs = Date.now() - started;
    cpu['cycle'] = cpuSince(cycleCpu0);
    metrics['cycle'] = counterDelta(cycleM0, await serverCounters(stack.temporalMetricsUrl));
    console.log('measuring the bare fan-out again…');
    const bareAfter = await bareFanOut('bare after');
    await native.close();
    const bareMs = (bareBefore + bareAfter) / 2;
    const evaluations = Number((await stack.db('evaluations').where({ cycle_id: cycle.id }).count({ n: '*' }))[0]!.n);
    if (process.env.BENCH_DEBUG)
      await printCycleDiagnostics(stack, cycle.id, started, CONTRACTS, metrics['bare before']!, metrics['cycle']!);
    clearInterval(sampler);
    console.log(`
fan-out of ${CONTRACTS} children, pages of ${PAGE} (continue-as-new per page), one 2-core machine:
  bare no-op children          ${(bareMs / 1000).toFixed(1)} s   (${Math.round(CONTRACTS / (bareMs / 1000))} children/s; mean of ${(bareBefore / 1000).toFixed(1)} s before and ${(bareAfter / 1000).toFixed(1)} s after)
  evaluation cycle             ${(cycleMs / 1000).toFixed(1)} s   (${Math.round(CONTRACTS / (cycleMs / 1000))} children/s; ${evaluations} evaluations, each assigned and with its evidence)
  ratio cycle / bare           ${(cycleMs / bareMs).toFixed(2)}   (goal ≤ 1.3: ${cycleMs / bareMs <= 1.3 ? 'met' : 'NOT met'}; against the bare run before alone ${(cycleMs / bareBefore).toFixed(2)}, after alone ${(cycleMs / bareAfter).toFixed(2)})
  peak RSS (API + worker + bench, one process)   ${(peakRss / 2 ** 20).toFixed(0)} MiB   (after the bare run: ${(bareRss / 2 ** 20).toFixed(0)} MiB)
  CPU by process:
${Object.entries(cpu)
  .map(([phase, c]) => `    ${phase.padEnd(12)} ${formatCpu(c)}`)
  .join('\n')}
`);
  } finally {
    clearInterval(sampler);
    await stack.stop();
  }
}

function contractRow(seed: Awaited<ReturnType<typeof seedRegion>>, id: string) {
  const now = new Date().toISOString();
  return {
    id,
    region_code: 'CYCLE',
    medical_institution_id: seed.hospital.id,
    care_institution_id: seed.home.id,
    medical_liaison_user_id: seed.hospitalLiaison.user.id,
    care_liaison_user_id: seed.homeLiaison.user.id,
    status: 'active',
    terms: JSON.stringify(sampleTerms),
    term_start: '2026-01-01',
    term_end: '2028-12-31',
    policy: JSON.stringify({}),
    policy_version: 1,
    signing_deadline: now,
    clock_anchor: now,
    drafted_by: seed.regulator.user.id,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
