import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { childEnd, keepStderrTail } from '../platform/child-failure';

/**
 * The production worker entry (dist/, built by `npm run build`), run as its own process; from
 * source (jest runs this file as TypeScript), the built one beside it in dist/.
 */
export const builtWorkerEntry = __filename.endsWith('.ts')
  ? path.join(__dirname, '..', 'dist', 'worker', 'main.js')
  : path.join(__dirname, '..', 'worker', 'main.js');

export interface WorkerPool {
  /** Live workers' process ids, in start order. */
  pids(): number[];
  /** Starts one more and waits until Temporal sees it polling. */
  add(): Promise<number>;
  /** SIGKILL, as a crash or an OOM kill would; resolves once it is gone. */
  kill(pid: number): Promise<void>;
  /** Peak resident set (VmHWM) of every worker started so far, read while each lived. */
  peakRssBytes(): Map<number, number>;
  stop(): Promise<void>;
}

/** Kernel-kept peak RSS of a live process, in bytes; undefined once it has gone. */
export function peakRss(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return kb ? Number(kb[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * N worker processes on one task queue (`env` configures them as in production: DATABASE_URL,
 * TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, SMTP_URL…). Their peak RSS is sampled every 500 ms, since
 * the kernel forgets it when a process ends.
 */
export async function startWorkerPool(count: number, env: NodeJS.ProcessEnv, temporal: Client): Promise<WorkerPool> {
  if (!fs.existsSync(builtWorkerEntry)) throw new Error(`${builtWorkerEntry} is missing: run \`npm run build\``);
  const live = new Map<number, ChildProcess>();
  const peaks = new Map<number, number>();
  let stopping = false;
  const sample = () => {
    for (const pid of live.keys()) {
      const rss = peakRss(pid);
      if (rss !== undefined) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, rss));
    }
  };
  const sampler = setInterval(sample, 500);
  sampler.unref();

  const waitForPoller = async (child: ChildProcess, ended: Promise<void>) => {
    const deadline = Date.now() + 60_000;
    let gone = false;
    ended.then(
      () => (gone = true),
      () => (gone = true),
    );
    while (Date.now() < deadline) {
      if (gone) await ended.then(() => Promise.reject(new Error(`worker ${child.pid} exited before polling`)));
      const res = await temporal.workflowService.describeTaskQueue({
        namespace: temporal.options.namespace,
        taskQueue: { name: env.TEMPORAL_TASK_QUEUE! },
        taskQueueType: 1,
      });
      if ((res.pollers ?? []).some((p) => p.identity?.startsWith(`${child.pid}@`))) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`worker ${child.pid} did not poll ${env.TEMPORAL_TASK_QUEUE} within 60 s`);
  };

  const add = async () => {
    const child = spawn(process.execPath, ['--enable-source-maps', builtWorkerEntry], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    const ended = childEnd(child, `worker process ${child.pid}`, { stderr: keepStderrTail(child) });
    ended.catch(() => undefined);
    live.set(child.pid!, child);
    child.once('exit', () => {
      sample();
      live.delete(child.pid!);
    });
    await waitForPoller(child, ended);
    return child.pid!;
  };

  const end = (pid: number, signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const child = live.get(pid);
      if (!child) return resolve();
      sample();
      child.once('exit', () => resolve());
      child.kill(signal);
      if (signal !== 'SIGKILL') setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
    });

  for (let i = 0; i < count; i++) await add();
  return {
    pids: () => [...live.keys()],
    add: () => {
      if (stopping) throw new Error('the worker pool is stopping');
      return add();
    },
    kill: (pid) => end(pid, 'SIGKILL'),
    peakRssBytes: () => (sample(), new Map(peaks)),
    async stop() {
      stopping = true;
      clearInterval(sampler);
      await Promise.all([...live.keys()].map((pid) => end(pid, 'SIGTERM')));
    },
  };
}
