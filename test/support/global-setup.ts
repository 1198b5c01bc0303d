import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { migrateLatest } from '../../migrations';
import { createDb } from '../../platform/db';
import { ensureDatabase, startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { freePort } from '../../platform/ports';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { historyShardsFrom, startTemporal, temporalModeFrom, type TemporalMode } from '../../platform/temporal-mode';
import { workflowsPath } from '../../worker/workflows-path';
import { RunInfo, runInfoFile } from './run-info';

/**
 * One real PostgreSQL (DATABASE_URL's server, or an embedded one) with a migrated template
 * database that each test file clones, and one real Temporal shared by all files: the dev server, or
 * with TEMPORAL_MODE=cluster the Temporal server docker-compose.yml deploys, on that PostgreSQL.
 */
export default async function globalSetup() {
  const started = Date.now();
  const stops: (() => Promise<unknown>)[] = [];
  (globalThis as any).__carepactStops = stops;

  let pgAdminUrl = process.env.DATABASE_URL;
  if (!pgAdminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carepact-test-pg-'));
    fs.chmodSync(dir, 0o755); // the postgres OS user (when run as root) must reach its data folder
    // When it still cannot (a private TMPDIR), the data goes where it can, named after `dir`.
    const pg = await startEmbeddedPostgres(path.join(dir, 'data'), await freePort());
    stops.push(async () => {
      await pg.stop();
      pg.removeData();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    pgAdminUrl = pg.url('postgres');
  }
  const templateDatabase = `carepact_template_${process.pid}`;
  await ensureDatabase(pgAdminUrl, templateDatabase);
  const template = createDb(pgAdminUrl.replace(/\/[^/]*$/, `/${templateDatabase}`), { min: 0, max: 1 });
  await migrateLatest(template);
  await template.destroy();

  const temporalMode = temporalModeFrom();
  const temporalAddress = process.env.TEMPORAL_TEST_ADDRESS
    ? process.env.TEMPORAL_TEST_ADDRESS
    : await startTestTemporal(temporalMode, pgAdminUrl, stops);
  const connection = await Connection.connect({ address: temporalAddress });
  await ensureSearchAttributes(connection, 'default');
  await connection.close();

  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowsPath(),
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never,
  });
  const workflowBundlePath = path.join(path.dirname(runInfoFile), 'workflow-bundle.js');
  fs.mkdirSync(path.dirname(runInfoFile), { recursive: true });
  fs.writeFileSync(workflowBundlePath, code);

  const info: RunInfo = { pgAdminUrl, templateDatabase, temporalAddress, workflowBundlePath };
  fs.writeFileSync(runInfoFile, JSON.stringify(info, null, 2));
  stops.push(async () => {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: pgAdminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${templateDatabase}" WITH (FORCE)`);
    await client.end();
  });
  console.log(
    `\n[test stack] PostgreSQL, Temporal ${temporalAddress} (${describeTemporal(temporalMode)}) and workflow bundle ready in ${Date.now() - started} ms`,
  );
}

/**
 * Few shards by default: still several, so a contract, its children and the cycle that signals them
 * land on different shards and cross-shard task transfer is exercised (the dev server has one), but
 * each shard keeps its own queue processors polling PostgreSQL, and this runs beside the tests on
 * two cores. TEMPORAL_HISTORY_SHARDS overrides it (e.g. 512, what docker-compose.yml deploys).
 */
const TEST_HISTORY_SHARDS = 8;

/** The mode's Temporal on the test PostgreSQL; its databases are this run's, dropped after it. */
async function startTestTemporal(
  mode: TemporalMode,
  pgAdminUrl: string,
  stops: (() => Promise<unknown>)[],
): Promise<string> {
  const databases = { temporal: `temporal_${process.pid}`, visibility: `temporal_visibility_${process.pid}` };
  if (mode === 'cluster') stops.push(() => dropDatabases(pgAdminUrl, Object.values(databases)));
  const server = await startTemporal({
    mode,
    postgresUrl: pgAdminUrl,
    databases,
    ports: 'free',
    logFile: temporalLogFile(),
    historyShards: historyShardsFrom() ?? TEST_HISTORY_SHARDS,
  });
  stops.push(() => server.stop());
  return server.address;
}

function describeTemporal(mode: TemporalMode): string {
  if (process.env.TEMPORAL_TEST_ADDRESS) return 'TEMPORAL_TEST_ADDRESS';
  if (mode === 'dev') return 'dev server';
  return `cluster, ${historyShardsFrom() ?? TEST_HISTORY_SHARDS} history shards on PostgreSQL`;
}

async function dropDatabases(pgAdminUrl: string, databases: string[]): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: pgAdminUrl });
  await client.connect();
  try {
    for (const database of databases) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** One log per run, next to the run's other files (git-ignored), rather than a new one in /tmp each time. */
function temporalLogFile(): string {
  const file = path.join(path.dirname(runInfoFile), 'temporal.log');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  return file;
}
