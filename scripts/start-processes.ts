import { spawn } from 'node:child_process';
import { childEnd, keepStderrTail } from '../platform/child-failure';

/** Something `npm start` started and stops on the way out, in reverse order. */
export interface Stop {
  name: string;
  stop: () => Promise<unknown>;
}

/**
 * A node child (worker, API) in its own process group, so Ctrl-C reaches it only through us, in the
 * order we choose. `onEnd` hears of an end nobody asked for, with the reason.
 */
export function startNodeChild(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  onEnd: (why: string) => void,
): Stop & { pid?: number } {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    env,
    stdio: ['inherit', 'inherit', 'pipe'],
    detached: true,
  });
  let stopping = false;
  // Its stderr still reaches the terminal; the tail is kept to say why it ended.
  const stderr = keepStderrTail(child);
  childEnd(child, `the ${name} process`, { stderr }).then(
    () => stopping || onEnd(`the ${name} process exited with code 0`),
    (error: Error) => stopping || onEnd(error.message),
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  return { name, stop, pid: child.pid };
}

export interface Health {
  status: string;
}

export async function waitForHealth(url: string, timeoutMs = 120_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      last = await res.text();
      if (res.ok) return JSON.parse(last) as Health;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API at ${url} did not become healthy: ${last}`);
}

/** WORKERS / API_PROCESSES: how many of each `npm start` runs (1 unless set). */
export function processCountFrom(env: Record<string, string | undefined>, name: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return count;
}
