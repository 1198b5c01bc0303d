import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { commandLine, expectSuccess } from './child-failure';
import { startDaemon, type Daemon } from './daemon';
import { ensureDatabase } from './embedded-postgres';
import { freeLowPort } from './ports';
import type { TemporalService } from './temporal-dev-server';
import type { TemporalServerBinaries } from './temporal-server-tools';
import { serverTlsEnv, sqlTlsFrom, sqlToolTlsEnv } from './temporal-sql-tls';

/** deploy/temporal, from the sources (platform/) and from the build (dist/platform/) alike. */
export function temporalDeployDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'deploy', 'temporal');
    if (fs.existsSync(path.join(candidate, 'config', 'carepact.yaml'))) return candidate;
  }
  throw new Error(`deploy/temporal/config/carepact.yaml was not found above ${__dirname}`);
}

/** Every port one server process listens on; the defaults are docker-compose.yml's. */
export interface ClusterPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
  metrics: number;
}

export const DEFAULT_CLUSTER_PORTS: ClusterPorts = {
  frontend: 7233,
  frontendHttp: 7243,
  frontendMembership: 6933,
  history: 7234,
  historyMembership: 6934,
  matching: 7235,
  matchingMembership: 6935,
  worker: 7239,
  workerMembership: 6939,
  metrics: 8000,
};

/**
 * Fixed ports around a frontend port other than 7233 (npm start with TEMPORAL_ADDRESS), at docker compose's
 * distances from it, so two clusters on one machine need only different frontend ports.
 */
export function clusterPortsAround(frontend: number): ClusterPorts {
  const ports = {} as ClusterPorts;
  for (const key of Object.keys(DEFAULT_CLUSTER_PORTS) as (keyof ClusterPorts)[])
    ports[key] = DEFAULT_CLUSTER_PORTS[key] - DEFAULT_CLUSTER_PORTS.frontend + frontend;
  const low = Math.min(...Object.values(ports));
  const high = Math.max(...Object.values(ports));
  // Membership ports go into a smallint column (see freeClusterPorts).
  if (low < 1 || high > 32767) throw new Error(`Temporal's port ${frontend} puts its other ports out of 1–32767`);
  return ports;
}

/**
 * Free ports for a throw-away cluster (tests, benchmarks), except those given. All below 32768:
 * the server keeps its membership ports in a smallint column and stops when one does not fit.
 */
export async function freeClusterPorts(given: Partial<ClusterPorts> = {}): Promise<ClusterPorts> {
  const ports = {} as ClusterPorts;
  const taken = new Set<number>();
  for (const key of Object.keys(DEFAULT_CLUSTER_PORTS) as (keyof ClusterPorts)[]) {
    let port = given[key] ?? (await freeLowPort());
    while (taken.has(port)) port = await freeLowPort();
    taken.add(port);
    ports[key] = port;
  }
  return ports;
}

export interface ClusterOptions {
  binaries: TemporalServerBinaries;
  /** A PostgreSQL URL whose user may create databases; Temporal's two databases go on its server. */
  postgresUrl: string;
  databases?: { temporal: string; visibility: string };
  /** Fixed once the databases exist; unset takes deploy/temporal/config/carepact.yaml's default. */
  historyShards?: number;
  ports: ClusterPorts;
  /** The Web UI's port; none without one. */
  uiPort?: number;
  /** Server (and UI) output; they write a lot, so always to a file. */
  logFile: string;
  logLevel?: string;
  /** Namespace retention for a namespace this creates. */
  retention?: string;
}

export interface TemporalCluster extends TemporalService {
  metricsUrl: string;
  /** The server process alone (the UI stays): for a drill that takes Temporal away and brings it back. */
  stopServer(): Promise<void>;
  killServer(): Promise<void>;
  startServer(): Promise<void>;
  serverPid(): number | undefined;
}

export function serverEnv(options: ClusterOptions, deployDir: string): NodeJS.ProcessEnv {
  const url = new URL(options.postgresUrl);
  const { ports } = options;
  return {
    ...process.env,
    LOG_LEVEL: options.logLevel ?? 'warn',
    ...(options.historyShards ? { NUM_HISTORY_SHARDS: String(options.historyShards) } : {}),
    POSTGRES_SEEDS: url.hostname,
    DB_PORT: url.port || '5432',
    POSTGRES_USER: decodeURIComponent(url.username),
    POSTGRES_PWD: decodeURIComponent(url.password),
    ...serverTlsEnv(sqlTlsFrom(url)),
    DBNAME: options.databases?.temporal ?? 'temporal',
    VISIBILITY_DBNAME: options.databases?.visibility ?? 'temporal_visibility',
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(ports.frontend),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    HISTORY_GRPC_PORT: String(ports.history),
    HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    MATCHING_GRPC_PORT: String(ports.matching),
    MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    WORKER_GRPC_PORT: String(ports.worker),
    WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
    PROMETHEUS_PORT: String(ports.metrics),
    DYNAMIC_CONFIG_FILE_PATH: path.join(deployDir, 'dynamicconfig', 'carepact.yaml'),
  };
}

/** deploy/temporal/setup-schema.sh, the script docker compose runs, with the sql tool built here. */
export async function setUpTemporalSchemas(options: ClusterOptions, deployDir = temporalDeployDir()): Promise<void> {
  const env = serverEnv(options, deployDir);
  for (const database of [env.DBNAME!, env.VISIBILITY_DBNAME!]) await ensureDatabase(options.postgresUrl, database);
  const script = path.join(deployDir, 'setup-schema.sh');
  const result = spawnSync('sh', [script], {
    encoding: 'utf8',
    env: {
      ...env,
      TEMPORAL_SQL_TOOL: options.binaries.sqlTool,
      SQL_PLUGIN: 'postgres12',
      SQL_HOST: env.POSTGRES_SEEDS,
      SQL_PORT: env.DB_PORT,
      SQL_USER: env.POSTGRES_USER,
      SQL_PASSWORD: env.POSTGRES_PWD,
      ...sqlToolTlsEnv(sqlTlsFrom(new URL(options.postgresUrl))),
    },
  });
  expectSuccess(result, commandLine('sh', [script]));
}

/**
 * A real Temporal cluster in one process: the server docker compose deploys, with
 * deploy/temporal/config/carepact.yaml, on PostgreSQL (schemas set up or migrated first), and
 * optionally the Web UI. The namespace and search attributes are the caller's (temporal-namespace.ts).
 */
export async function startTemporalCluster(options: ClusterOptions): Promise<TemporalCluster> {
  const deployDir = temporalDeployDir();
  await setUpTemporalSchemas(options, deployDir);
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const env = serverEnv(options, deployDir);
  const args = ['--root', deployDir, '--config', 'config', '--env', 'carepact', '--allow-no-auth', 'start'];
  let server: Daemon | undefined;
  const startServer = async () => {
    server = await startDaemon({
      command: options.binaries.server,
      args,
      env,
      logFile: options.logFile,
      readyPort: options.ports.frontend,
      readyTimeoutMs: 120_000,
    });
  };
  await startServer();
  let ui: Daemon | undefined;
  const address = `127.0.0.1:${options.ports.frontend}`;
  if (options.uiPort && options.binaries.uiServer) {
    // A UI that cannot start must not leave the server running behind a failed start.
    ui = await startDaemon({
      command: options.binaries.uiServer,
      args: ['--root', deployDir, '--config', 'ui', '--env', 'carepact', 'start'],
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: address,
        TEMPORAL_UI_PORT: String(options.uiPort),
        TEMPORAL_UI_ORIGIN: `http://127.0.0.1:${options.uiPort}`,
      },
      logFile: options.logFile,
      readyPort: options.uiPort,
    }).catch(async (error: unknown) => {
      await server?.stop(30_000);
      throw error;
    });
  }
  return {
    address,
    uiUrl: ui ? `http://127.0.0.1:${options.uiPort}` : undefined,
    metricsUrl: `http://127.0.0.1:${options.ports.metrics}/metrics`,
    stopServer: async () => server?.stop(30_000),
    killServer: async () => server?.kill(),
    startServer,
    serverPid: () => (server && !server.exited() ? server.pid : undefined),
    async stop() {
      await ui?.stop();
      await server?.stop(30_000);
    },
  };
}
