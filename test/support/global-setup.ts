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
import { ensureTemporalCli } from '../../platform/temporal-cli';
import { startTemporalDevServer } from '../../platform/temporal-dev-server';
import { workflowsPath } from '../../worker/workflows-path';
import { RunInfo, runInfoFile } from './run-info';

/**
 * One real PostgreSQL (DATABASE_URL's server, or an embedded one) with a migrated template
 * database that each test file clones, and one real Temporal dev server, shared by all files.
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

  const temporalAddress = process.env.TEMPORAL_TEST_ADDRESS
    ? process.env.TEMPORAL_TEST_ADDRESS
    : await (async () => {
        const server = await startTemporalDevServer({
          cliPath: ensureTemporalCli(),
          port: await freePort(),
          logFile: temporalLogFile(),
        });
        stops.push(() => server.stop());
        return server.address;
      })();
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
    `\n[test stack] PostgreSQL, Temporal ${temporalAddress} and workflow bundle ready in ${Date.now() - started} ms`,
  );
}

/** One log per run, next to the run's other files (git-ignored), rather than a new one in /tmp each time. */
function temporalLogFile(): string {
  const file = path.join(path.dirname(runInfoFile), 'temporal.log');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  return file;
}
