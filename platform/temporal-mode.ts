import { Connection } from '@temporalio/client';
import { fileTail } from './child-failure';
import { ensureTemporalCli } from './temporal-cli';
import {
  clusterPortsAround,
  freeClusterPorts,
  DEFAULT_CLUSTER_PORTS,
  startTemporalCluster,
  type TemporalCluster,
} from './temporal-cluster';
import { startTemporalDevServer, type TemporalService } from './temporal-dev-server';
import { ensureNamespaceReady } from './temporal-namespace';
import { ensureTemporalServerBinaries } from './temporal-server-tools';

/**
 * TEMPORAL_MODE: `dev` (default) runs `temporal server start-dev` (SQLite, one history shard);
 * `cluster` runs the Temporal server docker-compose.yml deploys, on PostgreSQL, with
 * TEMPORAL_HISTORY_SHARDS shards. The same switch for `npm start`, the tests and the benchmarks.
 */
export type TemporalMode = 'dev' | 'cluster';

type Env = Record<string, string | undefined>;

export function temporalModeFrom(env: Env = process.env): TemporalMode {
  const mode = env.TEMPORAL_MODE || 'dev';
  if (mode !== 'dev' && mode !== 'cluster') throw new Error(`TEMPORAL_MODE must be "dev" or "cluster", got "${mode}"`);
  return mode;
}

/** Unset: deploy/temporal/config/carepact.yaml's default, as docker compose gets it. */
export function historyShardsFrom(env: Env = process.env): number | undefined {
  // The old name, from an earlier deploy/.env.example: silently taking the default instead would fix
  // the cluster's shard count for good at a number nobody chose.
  if (env.TEMPORAL_NUM_HISTORY_SHARDS !== undefined && env.TEMPORAL_HISTORY_SHARDS === undefined)
    throw new Error('TEMPORAL_NUM_HISTORY_SHARDS is now TEMPORAL_HISTORY_SHARDS: rename it');
  const raw = env.TEMPORAL_HISTORY_SHARDS;
  if (raw === undefined || raw === '') return undefined;
  const shards = Number(raw);
  if (!Number.isInteger(shards) || shards < 1)
    throw new Error(`TEMPORAL_HISTORY_SHARDS must be a positive integer, got "${raw}"`);
  return shards;
}

export interface StartTemporalOptions {
  mode: TemporalMode;
  /** Cluster mode: a PostgreSQL URL whose user may create Temporal's databases on that server. */
  postgresUrl?: string;
  /** Cluster mode: Temporal's two databases on that server; unset, `temporal` and `temporal_visibility`. */
  databases?: { temporal: string; visibility: string };
  /** Fixed ports (npm start) or free ones (tests, benchmarks). */
  ports: 'default' | 'free';
  /** The frontend's port in fixed mode (TEMPORAL_ADDRESS's); a cluster's other ports keep their distance from it. */
  port?: number;
  uiPort?: number;
  /** Dev mode: a SQLite file keeps state across restarts. */
  devDbFile?: string;
  metricsPort?: number;
  logFile: string;
  historyShards?: number;
  namespace?: string;
  log?: (message: string) => void;
}

export interface StartedTemporal extends TemporalService {
  mode: TemporalMode;
  /** Cluster mode only: the drills stop, kill and restart the server through it. */
  cluster?: TemporalCluster;
}

/** The frontend listens a moment before it serves: connect (which asks for system info) until it answers. */
async function connectWhenServing(cluster: TemporalCluster, logFile: string, timeoutMs = 120_000): Promise<Connection> {
  const { address } = cluster;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (cluster.serverPid() === undefined)
      throw new Error(`the Temporal server stopped while starting:\n${fileTail(logFile)}`);
    try {
      return await Connection.connect({ address, connectTimeout: 10_000 });
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Temporal at ${address} did not answer: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

export async function startTemporal(options: StartTemporalOptions): Promise<StartedTemporal> {
  const log = options.log ?? console.log;
  if (options.mode === 'dev') {
    const server = await startTemporalDevServer({
      cliPath: ensureTemporalCli(log),
      port: options.port ?? (await freeClusterPorts()).frontend,
      uiPort: options.uiPort,
      dbFile: options.devDbFile,
      logFile: options.logFile,
      metricsPort: options.metricsPort,
    });
    return { ...server, mode: 'dev' };
  }
  if (!options.postgresUrl) throw new Error('cluster mode needs a PostgreSQL server for Temporal');
  const ports =
    options.ports === 'default'
      ? {
          ...clusterPortsAround(options.port ?? DEFAULT_CLUSTER_PORTS.frontend),
          ...(options.metricsPort ? { metrics: options.metricsPort } : {}),
        }
      : await freeClusterPorts(options.metricsPort ? { metrics: options.metricsPort } : {});
  const cluster = await startTemporalCluster({
    binaries: ensureTemporalServerBinaries({ ui: Boolean(options.uiPort) }, log),
    postgresUrl: options.postgresUrl,
    databases: options.databases,
    historyShards: options.historyShards,
    ports,
    uiPort: options.uiPort,
    logFile: options.logFile,
  });
  try {
    const connection = await connectWhenServing(cluster, options.logFile);
    try {
      await ensureNamespaceReady(connection, options.namespace ?? 'default');
    } finally {
      await connection.close();
    }
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { ...cluster, mode: 'cluster', cluster };
}
