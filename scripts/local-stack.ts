import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApp } from '../api/app';
import { bootstrapSignInLink } from '../api/features/session/password-link-writer';
import { createConfig } from '../platform/config';
import { migrateLatest } from '../migrations';
import { createWorker } from '../worker/create-worker';
import { ensureBootstrapAdmin, generateToken } from '../stores/user-store';
import { createDb, Db } from '../platform/db';
import { ensureDatabase, startEmbeddedPostgres } from '../platform/embedded-postgres';
import { createLogger } from '../platform/logger';
import { MailCatcher, startMailCatcher } from '../platform/mail-catcher';
import { createMailTransport } from '../platform/mail-transport';
import { freePort } from '../platform/ports';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { ensureTemporalCli } from '../platform/temporal-cli';
import { startTemporalDevServer } from '../platform/temporal-dev-server';

export interface LocalStack {
  db: Db;
  temporal: Client;
  temporalAddress: string;
  temporalMetricsUrl: string;
  taskQueue: string;
  mail: MailCatcher;
  apiUrl: string;
  adminToken: string;
  /** A one-time link for the admin to set a password and sign in to the console. */
  adminSignInLink: string;
  stop(): Promise<void>;
}

/**
 * A throw-away copy of the whole system in temporary folders — real PostgreSQL, Temporal dev server
 * (in memory), SMTP catcher, worker and API — for benchmarks and experiments.
 */
export async function startLocalStack(): Promise<LocalStack> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stops: (() => Promise<unknown>)[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carepact-local-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres(path.join(dir, 'pg'), await freePort());
  stops.push(() => pg.stop());
  await ensureDatabase(pg.url('postgres'), 'carepact');
  const db = createDb(pg.url('carepact'), { min: 0, max: 20 });
  await migrateLatest(db);
  stops.push(() => db.destroy());

  const metricsPort = await freePort();
  const server = await startTemporalDevServer({
    cliPath: ensureTemporalCli(),
    port: await freePort(),
    metricsPort,
    logFile: path.join(dir, 'temporal.log'),
  });
  stops.push(() => server.stop());
  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default');
  const temporal = new Client({ connection });
  stops.push(() => connection.close());

  const mail = await startMailCatcher({ smtpPort: 0 });
  stops.push(() => mail.stop());
  const transport = createMailTransport(mail.smtpUrl);
  const logger = createLogger('warn');
  const taskQueue = 'carepact-local';
  const { app } = createApp({
    db,
    temporal,
    taskQueue,
    logger,
    mailTransport: transport,
    evidence: {
      dir: path.join(dir, 'evidence'),
      maxFileBytes: 20 * 2 ** 20,
      maxFiles: 20,
      allowedTypes: ['application/pdf', 'image/png', 'image/jpeg'],
    },
  });
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  stops.push(() => new Promise((resolve) => http.close(resolve)));
  const apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const maxCachedWorkflows = process.env.WORKER_MAX_CACHED_WORKFLOWS
    ? Number(process.env.WORKER_MAX_CACHED_WORKFLOWS)
    : undefined;
  const { worker, connection: native } = await createWorker({
    address: server.address,
    namespace: 'default',
    taskQueue,
    maxCachedWorkflows,
    deps: {
      db,
      transport,
      mailFrom: 'CarePact <bench@carepact.local>',
      publicBaseUrl: apiUrl,
      logger,
      evidenceDir: path.join(dir, 'evidence'),
    },
  });
  const running = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await running;
    await native.close();
  });
  const adminToken = generateToken();
  await ensureBootstrapAdmin(db, adminToken);
  const signIn = await bootstrapSignInLink(db, adminToken, {
    publicBaseUrl: apiUrl,
    invitationLinkSeconds: createConfig().auth.invitationLinkSeconds,
  });

  return {
    db,
    temporal,
    temporalAddress: server.address,
    temporalMetricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    taskQueue,
    mail,
    apiUrl,
    adminToken,
    adminSignInLink: signIn.url,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
