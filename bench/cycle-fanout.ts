import fs from 'node:fs';
import path from 'node:path';
import { startLocalStack } from '../scripts/local-stack';
import { peakRss } from '../scripts/worker-pool';
import { temporalModeFrom } from '../platform/temporal-mode';
import { printCycleDiagnostics } from './cycle-diagnostics';
import { cycleBenchOptions, historyShardsDescription, type CycleBenchOptions } from './cycle-options';
import { bareFanOut, evaluationCycle, type Phase } from './cycle-phases';
import {
  formatRun,
  isolateTimeoutDescription,
  progress,
  formatWorkerComparison,
  workflowCacheDescription,
  type CycleRun,
} from './cycle-report';
import { seedCycleRegion } from './cycle-seed';
import { countProcessTree } from './process-cpu';

/**
 * Wall time of an evaluation cycle's fan-out over N active contracts, against a bare fan-out of N
 * no-op children with the same paging on the same server in the same run; cost per child, peak RSS
 * of the worker processes and of the bench process, CPU by process.
 *
 *   npm run bench:cycle -- --contracts=10000 [--page=500] [--workers=1] [--bare=twice|once|after] [--compare-workers]
 *
 * --workers=0 runs the worker inside the bench process; TEMPORAL_MODE=cluster runs the cluster.
 */
async function runCycle(options: CycleBenchOptions, workers: number): Promise<CycleRun> {
  const stack = await startLocalStack(workers ? { workerProcesses: workers } : {});
  try {
    // pg_ctl starts PostgreSQL in its own session: count its CPU by its postmaster's pid.
    const { rows } = await stack.db.raw("select current_setting('data_directory') as dir");
    countProcessTree(Number(fs.readFileSync(path.join(rows[0].dir, 'postmaster.pid'), 'utf8').split('\n')[0]));
    const { call, seed } = await seedCycleRegion(stack, options.contracts, options.page);
    const n = options.contracts;
    console.log(`${n} active contracts, ${workers || 'an in-process'} worker(s)`);
    const bare: Phase[] = [];
    const measureBare = async (label: string) => {
      console.log(`measuring the ${label}…`);
      bare.push(await bareFanOut(stack, label, n, options.page));
      console.log(`  ${progress(bare.at(-1)!, n)}`);
    };
    // Bare before and after: the server grows fuller as the run goes on, so neither side gets the emptier one.
    if (options.bare !== 'after') await measureBare('bare before');
    console.log('measuring the evaluation cycle fan-out…');
    const cycle = await evaluationCycle(stack, call, seed.regulator.token);
    const workerPeakRss = [...(stack.workers?.peakRssBytes().values() ?? [])];
    console.log(
      `  ${progress(cycle, n)}; worker peak RSS ${workerPeakRss.map((b) => `${Math.round(b / 2 ** 20)} MiB`)}`,
    );
    if (options.bare !== 'once') await measureBare('bare after');
    if (process.env.BENCH_DEBUG)
      await printCycleDiagnostics(stack, cycle.cycleId, cycle.started, n, bare[0]!.counters, cycle.counters);
    return {
      label: `${workers ? `${workers} worker process(es)` : 'worker in the bench process'}, one 2-core machine`,
      contracts: n,
      page: options.page,
      workers,
      bare,
      cycle,
      workerPeakRss,
      benchPeakRss: peakRss(process.pid) ?? process.memoryUsage().rss,
    };
  } finally {
    await stack.stop();
  }
}

async function main() {
  const options = cycleBenchOptions();
  const header = `Temporal ${temporalModeFrom()}, ${historyShardsDescription()} history shards; workflow cache ${workflowCacheDescription()}; activation limit ${isolateTimeoutDescription()}`;
  console.log(header);
  if (options.compareWorkers) {
    const one = await runCycle(options, 1);
    console.log(formatRun(one, header));
    const two = await runCycle(options, 2);
    console.log(formatRun(two, header));
    console.log(formatWorkerComparison(one, two));
  } else {
    console.log(formatRun(await runCycle(options, options.workers), header));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
