import fs from 'node:fs';
import path from 'node:path';
import { startDaemon } from './daemon';

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

/** A running Temporal service, whichever kind (dev server or cluster). */
export interface TemporalService {
  address: string;
  uiUrl?: string;
  /** Prometheus '/metrics', when a port was given. */
  metricsUrl?: string;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<TemporalService> {
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
  const server = await startDaemon({
    command: options.cliPath,
    args,
    logFile: options.logFile,
    readyPort: options.port,
  });
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    metricsUrl: options.metricsPort ? `http://127.0.0.1:${options.metricsPort}/metrics` : undefined,
    stop: () => server.stop(),
  };
}
