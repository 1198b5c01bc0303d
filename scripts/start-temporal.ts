import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Config } from '../platform/config';
import { historyShardsFrom, startTemporal, temporalModeFrom, type TemporalMode } from '../platform/temporal-mode';
import { TEMPORAL_SERVER } from '../platform/temporal-server-tools';

export interface LocalTemporal {
  address: string;
  uiUrl?: string;
  /** What runs, for the start banner: mode, history shards, where its state lives. */
  summary: string[];
  stop?: () => Promise<void>;
}

/** The same server's `postgres` database: Temporal's two databases are created beside CarePact's. */
export function adminUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

function hidePassword(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}

/** Asked of the server, so the banner says what runs rather than what was asked for. */
async function historyShardCount(address: string): Promise<number | undefined> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 10_000 });
    try {
      return (await connection.workflowService.getClusterInfo({})).historyShardCount ?? undefined;
    } finally {
      await connection.close();
    }
  } catch {
    return undefined;
  }
}

function portOf(address: string, mode: TemporalMode): number {
  const [host = '', port] = address.split(':');
  if (mode === 'cluster' && !['127.0.0.1', 'localhost'].includes(host))
    throw new Error(`TEMPORAL_MODE=cluster starts Temporal on this machine: TEMPORAL_ADDRESS must be 127.0.0.1:<port>`);
  return Number(port ?? 7233);
}

/**
 * TEMPORAL_MODE=dev (default): the dev server with its SQLite file, or, when TEMPORAL_ADDRESS is set,
 * the Temporal there. TEMPORAL_MODE=cluster: the Temporal server docker compose deploys, on the
 * PostgreSQL server CarePact uses (databases temporal and temporal_visibility), listening on
 * TEMPORAL_ADDRESS's port.
 */
export async function startLocalTemporal(
  config: Config,
  /** A URL on the PostgreSQL server CarePact uses whose user may create databases (cluster mode). */
  postgresAdminUrl: string,
  log: (message: string) => void,
): Promise<LocalTemporal> {
  const mode = temporalModeFrom();
  const logFile = path.join(config.dataDir, 'temporal.log');
  const shardsOf = async (address: string) => {
    const shards = await historyShardCount(address);
    if (shards === undefined) return '';
    const asked = mode === 'cluster' ? historyShardsFrom() : undefined;
    // The count is fixed when Temporal's databases are made; the server keeps it and ignores another.
    const ignored =
      asked && asked !== shards ? ` (TEMPORAL_HISTORY_SHARDS=${asked} ignored: fixed at first start)` : '';
    return `, ${shards} history shard${shards === 1 ? '' : 's'}${ignored}`;
  };
  if (mode === 'dev' && process.env.TEMPORAL_ADDRESS) {
    const address = config.temporal.address;
    return { address, uiUrl: process.env.TEMPORAL_UI_URL, summary: [`yours${await shardsOf(address)}`] };
  }
  const port = portOf(config.temporal.address, mode);
  if (mode === 'dev') {
    const devDbFile = path.join(config.dataDir, 'temporal.db');
    log(`starting the Temporal dev server (state in ${devDbFile})`);
    const server = await startTemporal({
      mode,
      ports: 'default',
      port,
      uiPort: config.temporal.uiPort,
      devDbFile,
      logFile,
      log,
    });
    const summary = [
      `dev server (temporal server start-dev)${await shardsOf(server.address)}`,
      `state in ${devDbFile}`,
    ];
    return { address: server.address, uiUrl: server.uiUrl, summary, stop: () => server.stop() };
  }
  const postgres = hidePassword(postgresAdminUrl.replace(/\/postgres$/, ''));
  log(`starting the Temporal server ${TEMPORAL_SERVER.version} on PostgreSQL ${postgres} (log in ${logFile})`);
  const server = await startTemporal({
    mode,
    postgresUrl: postgresAdminUrl,
    ports: 'default',
    port,
    uiPort: config.temporal.uiPort,
    historyShards: historyShardsFrom(),
    logFile,
    log,
  });
  const summary = [
    `cluster: Temporal server ${TEMPORAL_SERVER.version}, deploy/temporal/config/carepact.yaml${await shardsOf(server.address)}`,
    `state in the databases temporal and temporal_visibility on ${postgres}`,
  ];
  return { address: server.address, uiUrl: server.uiUrl, summary, stop: () => server.stop() };
}
