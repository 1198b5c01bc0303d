import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { childEnd, commandLine, keepStderrTail } from './child-failure';
import { waitForPort } from './ports';

export interface Daemon {
  pid: number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would end it. */
  kill(): Promise<void>;
  exited(): boolean;
}

export interface DaemonOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Appended to; without one stderr is kept (not shown), so a failed start can still say why. */
  logFile?: string;
  /** Started means listening on this port of 127.0.0.1. */
  readyPort: number;
  readyTimeoutMs?: number;
}

/**
 * A server in its own process group (Ctrl-C reaches it only through the caller's ordered shutdown),
 * counted as started once it listens; one that ends before that fails with its last words.
 */
export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
  const child: ChildProcess = spawn(options.command, options.args, {
    stdio: ['ignore', out, options.logFile ? out : 'pipe'],
    env: options.env ?? process.env,
    detached: true,
  });
  if (typeof out === 'number') fs.closeSync(out);
  const stderr = options.logFile ? undefined : keepStderrTail(child, null);
  const command = commandLine(options.command, options.args);
  const ended = childEnd(child, command, { stderr, logFile: options.logFile });
  ended.catch(() => undefined);
  const endedEarly = ended.then(() => {
    throw new Error(`${command} exited with code 0 before listening`);
  });
  try {
    await Promise.race([waitForPort(options.readyPort, '127.0.0.1', options.readyTimeoutMs ?? 90_000), endedEarly]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const end = (signal: NodeJS.Signals, graceMs: number) =>
    new Promise<void>((resolve) => {
      if (exited()) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
      if (signal !== 'SIGKILL') setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
    });
  return {
    pid: child.pid!,
    stop: (graceMs = 10_000) => end('SIGTERM', graceMs),
    kill: () => end('SIGKILL', 0),
    exited,
  };
}
