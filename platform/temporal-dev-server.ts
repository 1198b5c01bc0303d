import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnd, commandLine, keepStderrTail } from './child-failure';
import { waitForPort } from './ports';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort?: number;
  /** A SQLite file keeps workflows across restarts; undefined keeps everything in memory. */
  dbFile?: string;
  logFile?: string;
  /** Prometheus '/metrics' endpoint; by default the server picks a random port. */
  metricsPort?: number;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  // The dev server runs a single history shard, so it gets one shard's events cache (512 KiB).
  // A fan-out page records hundreds of child starts in one event batch larger than that, and every
  // child start then re-reads and decodes the whole batch. Give the one shard what the production
  // cluster's 512 shards hold together (docker-compose: 512 × 512 KiB); it is a ceiling, not an allocation.
  args.push('--dynamic-config-value', `history.eventsCacheMaxSizeBytes=${512 * 512 * 1024}`);
  if (options.metricsPort) args.push('--metrics-port', String(options.metricsPort));
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
  // Its own process group: Ctrl-C reaches it only through the caller's ordered shutdown.
  // Without a log file its stderr is kept (not shown), so a failed start can still say why.
  const child: ChildProcess = spawn(options.cliPath, args, {
    stdio: ['ignore', out, options.logFile ? out : 'pipe'],
    detached: true,
  });
  const stderr = options.logFile ? undefined : keepStderrTail(child, null);
  const command = commandLine(options.cliPath, args);
  const endedEarly = childEnd(child, command, { stderr, logFile: options.logFile }).then(() => {
    throw new Error(`${command} exited with code 0 before listening`);
  });
  try {
    await Promise.race([waitForPort(options.port, '127.0.0.1', 90_000), endedEarly]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited()) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
