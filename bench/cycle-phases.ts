import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { LocalStack } from '../scripts/local-stack';
import type { apiClient } from '../scripts/api-client';
import { cpuSecondsByProcess, cpuSince } from './process-cpu';
import { counterDelta, serverCounters } from './server-metrics';

/** One measured fan-out: wall time, CPU seconds by kind of process, and the server counters it moved. */
export interface Phase {
  label: string;
  ms: number;
  cpu: Record<string, number>;
  counters: Map<string, number>;
}

async function measured(stack: LocalStack, label: string, run: () => Promise<void>): Promise<Phase> {
  const cpu0 = cpuSecondsByProcess();
  const counters0 = await serverCounters(stack.temporalMetricsUrl);
  const t0 = Date.now();
  await run();
  const ms = Date.now() - t0;
  return {
    label,
    ms,
    cpu: cpuSince(cpu0),
    counters: counterDelta(counters0, await serverCounters(stack.temporalMetricsUrl)),
  };
}

/**
 * N no-op children with the cycle's paging, on a worker inside this process: what the server charges
 * for the fan-out alone, the yardstick for the cycle on the same server in the same run.
 */
export async function bareFanOut(stack: LocalStack, label: string, children: number, page: number): Promise<Phase> {
  const native = await NativeConnection.connect({ address: stack.temporalAddress });
  try {
    const worker = await Worker.create({
      connection: native,
      taskQueue: 'bench-bare',
      workflowsPath: require.resolve('./baseline-workflows'),
      // The same activation limit as the worker processes (see Config.temporal.isolateExecutionTimeoutMs).
      ...((process.env.WORKER_ISOLATE_EXECUTION_TIMEOUT_MS
        ? { isolateExecutionTimeout: Number(process.env.WORKER_ISOLATE_EXECUTION_TIMEOUT_MS) }
        : {}) as Partial<WorkerOptions>),
    });
    return await worker.runUntil(
      measured(stack, label, async () => {
        await stack.temporal.workflow.execute('bareFanOut', {
          taskQueue: 'bench-bare',
          workflowId: `bare-${randomUUID()}`,
          args: [children, page],
        });
      }),
    );
  } finally {
    await native.close();
  }
}

/**
 * An evaluation cycle over the region's active contracts, from the API call until its fan-out is recorded done.
 * Every minute it logs how far it is (a long run's log then says something even if stopped), and it fails
 * when a worker process has died, instead of waiting for work nobody will do.
 */
export async function evaluationCycle(
  stack: LocalStack,
  call: ReturnType<typeof apiClient>,
  regulatorToken: string,
): Promise<Phase & { cycleId: string; started: number; evaluations: number }> {
  let cycleId = '';
  const started = Date.now();
  const phase = await measured(stack, 'cycle', async () => {
    const cycle = await call('POST', '/evaluation-cycles', regulatorToken, { regionCode: 'CYCLE', half: '2026-H2' });
    cycleId = cycle.id;
    const workers = stack.workers?.pids().length ?? 0;
    for (let tick = 1; ; tick++) {
      const row = await stack.db('evaluation_cycles').where({ id: cycle.id }).first();
      if (row.fanout_completed_at) return;
      if ((stack.workers?.pids().length ?? 0) < workers) throw new Error('a worker process died during the fan-out');
      if (tick % 600 === 0) console.log(`  … ${await openedSoFar(stack, cycle.id, started)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  const [counted] = await stack.db('evaluations').where({ cycle_id: cycleId }).count({ n: '*' });
  return { ...phase, cycleId, started, evaluations: Number(counted?.n) };
}

async function openedSoFar(stack: LocalStack, cycleId: string, started: number) {
  const [counted] = await stack.db('evaluations').where({ cycle_id: cycleId }).count({ n: '*' });
  const seconds = (Date.now() - started) / 1000;
  const rss = [...(stack.workers?.peakRssBytes().values() ?? [])].map((b) => `${Math.round(b / 2 ** 20)} MiB`);
  return `${counted?.n} evaluations after ${seconds.toFixed(0)} s (${(Number(counted?.n) / seconds).toFixed(1)}/s); worker peak RSS ${rss.join(', ') || '-'}`;
}
