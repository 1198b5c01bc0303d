import { createConfig } from '../platform/config';
import type { Phase } from './cycle-phases';
import { formatCpu } from './process-cpu';

export const RATIO_GOAL = 1.2;

export interface CycleRun {
  label: string;
  contracts: number;
  page: number;
  workers: number;
  bare: Phase[];
  cycle: Phase & { evaluations: number };
  /** Peak RSS (VmHWM) per worker process at the end of the cycle's fan-out. */
  workerPeakRss: number[];
  benchPeakRss: number;
}

const MiB = 2 ** 20;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (children: number, ms: number) => Math.round(children / (ms / 1000));

/** What a worker caches: WORKER_MAX_CACHED_WORKFLOWS or its default (platform/config.ts). */
export function workflowCacheDescription(): string {
  const set = process.env.WORKER_MAX_CACHED_WORKFLOWS;
  return `${createConfig().temporal.maxCachedWorkflows} workflows (${set ? 'WORKER_MAX_CACHED_WORKFLOWS' : 'default'})`;
}

/** The limit on one workflow activation in the worker processes (WORKER_ISOLATE_EXECUTION_TIMEOUT_MS). */
export function isolateTimeoutDescription(): string {
  const set = process.env.WORKER_ISOLATE_EXECUTION_TIMEOUT_MS;
  return `${createConfig().temporal.isolateExecutionTimeoutMs} ms (${set ? 'WORKER_ISOLATE_EXECUTION_TIMEOUT_MS' : 'default'})`;
}

export const bareMs = (run: CycleRun) => run.bare.reduce((sum, p) => sum + p.ms, 0) / run.bare.length;
export const ratio = (run: CycleRun) => run.cycle.ms / bareMs(run);

/**
 * Temporal server + PostgreSQL CPU, cycle over bare: what each child asks of the shared services, which
 * other load on a shared machine stretches far less than it stretches wall time.
 */
const serviceCpu = (p: Phase) => (p.cpu['temporal server'] ?? 0) + (p.cpu['postgresql'] ?? 0);
export const serviceCpuRatio = (run: CycleRun) =>
  serviceCpu(run.cycle) / (run.bare.reduce((sum, p) => sum + serviceCpu(p), 0) / run.bare.length);

/** A phase's figures as soon as it ends, so a long run's log has them even if it is stopped. */
export const progress = (phase: Phase, children: number) =>
  `${phase.label}: ${seconds(phase.ms)}, ${perSecond(children, phase.ms)} children/s; ${costPerChild(phase, children)}`;

/** Milliseconds and CPU seconds per 1,000 children, to set sizes side by side: flat is the goal. */
function costPerChild(phase: Phase, children: number) {
  const cpu = Object.entries(phase.cpu)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${((v / children) * 1000).toFixed(1)}`)
    .join(', ');
  return `${(phase.ms / children).toFixed(1)} ms/child; CPU s per 1,000 children: ${cpu}`;
}

export function formatRun(run: CycleRun, header: string): string {
  const n = run.contracts;
  const bare = bareMs(run);
  const [first, second] = run.bare;
  const bareDetail = second
    ? `mean of ${seconds(first!.ms)} before and ${seconds(second.ms)} after`
    : `once: ${first!.label} the cycle`;
  const againstEach = second
    ? `; against the bare run before alone ${(run.cycle.ms / first!.ms).toFixed(2)}, after alone ${(run.cycle.ms / second.ms).toFixed(2)}`
    : '';
  const workers = run.workerPeakRss.length
    ? `worker processes ${run.workerPeakRss.map((b) => `${(b / MiB).toFixed(0)} MiB`).join(', ')}; bench process (API + bare worker) ${(run.benchPeakRss / MiB).toFixed(0)} MiB`
    : `bench process (API + worker + bare worker, one process) ${(run.benchPeakRss / MiB).toFixed(0)} MiB`;
  return `
${header}
fan-out of ${n} children, pages of ${run.page} (continue-as-new per page), ${run.label}:
  bare no-op children   ${seconds(bare)}   (${perSecond(n, bare)} children/s; ${bareDetail})
  evaluation cycle      ${seconds(run.cycle.ms)}   (${perSecond(n, run.cycle.ms)} children/s; ${run.cycle.evaluations} evaluations, each assigned and with its evidence)
  ratio cycle / bare    ${ratio(run).toFixed(2)}   (goal ≤ ${RATIO_GOAL}: ${ratio(run) <= RATIO_GOAL ? 'met' : 'NOT met'}${againstEach})
  server + PostgreSQL CPU, cycle / bare   ${serviceCpuRatio(run).toFixed(2)}   (wall time above depends on the machine's other load; CPU less so)
  cost per child
${[...run.bare, run.cycle].map((p) => `    ${p.label.padEnd(12)} ${costPerChild(p, n)}`).join('\n')}
  peak RSS (VmHWM)      ${workers}
  CPU by process:
${[...run.bare, run.cycle].map((p) => `    ${p.label.padEnd(12)} ${formatCpu(p.cpu)}`).join('\n')}
RESULT ${JSON.stringify({
    contracts: n,
    workers: run.workers,
    bareMs: Math.round(bare),
    cycleMs: run.cycle.ms,
    ratio: Number(ratio(run).toFixed(3)),
    serviceCpuRatio: Number(serviceCpuRatio(run).toFixed(3)),
    cycleMsPerChild: Number((run.cycle.ms / n).toFixed(2)),
    serverCpuSPer1000: Number((((run.cycle.cpu['temporal server'] ?? 0) / n) * 1000).toFixed(2)),
    workerPeakRssMiB: run.workerPeakRss.map((b) => Math.round(b / MiB)),
  })}
`;
}

/** One worker against two, each on a fresh stack; the bare fan-outs say whether the two stacks ran alike. */
export function formatWorkerComparison(one: CycleRun, two: CycleRun): string {
  return `
one worker against two (a fresh stack each, same seed and sequence, one after the other):
  cycle, 1 worker / 2 workers   ${(one.cycle.ms / two.cycle.ms).toFixed(2)}   (${seconds(one.cycle.ms)} against ${seconds(two.cycle.ms)}; above 1 means two are faster)
  bare,  stack 1 / stack 2      ${(bareMs(one) / bareMs(two)).toFixed(2)}   (the same work on both: how far the two stacks differ on their own)
  ratio cycle / bare            ${ratio(one).toFixed(2)} with 1 worker, ${ratio(two).toFixed(2)} with 2
`;
}
