import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { workflowsPath } from '../worker/workflows-path';
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
import { startWorkerPool, type WorkerPool } from './worker-pool';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { connectSettling } from '../platform/settling-connection';
import {
  historyShardsFrom,
  startTemporal,
  temporalModeFrom,
  type StartedTemporal,
  type TemporalMode,
} from '../platform/temporal-mode';

const quietBundler = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never;

export interface LocalStack {
  db: Db;
  temporal: Client;
  temporalAddress: string;
  temporalMetricsUrl: string;
  /** TEMPORAL_MODE's server: in cluster mode, `temporalServer.cluster` can stop, kill and restart it. */
  temporalServer: StartedTemporal;
  /** With startLocalStack({ workerProcesses: n }): the worker processes (else one worker runs in this process). */
  workers?: WorkerPool;
  /** The embedded PostgreSQL (CarePact's data and, in cluster mode, Temporal's): a drill stops and restarts it. */
  postgres: { stop(): Promise<void>; start(): Promise<void> };
  taskQueue: string;
  mail: MailCatcher;
  apiUrl: string;
  adminToken: string;
  /** A one-time link for the admin to set a password and sign in to the console. */
  adminSignInLink: string;
  stop(): Promise<void>;
}

/**
 * A throw-away copy of the whole system in temporary folders — real PostgreSQL, Temporal (TEMPORAL_MODE:
 * the dev server in memory, or a cluster on that PostgreSQL), SMTP catcher, worker and API — for benchmarks and experiments.
 */
export async function startLocalStack(
  options: { workerProcesses?: number; temporalMode?: TemporalMode } = {},
): Promise<LocalStack> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stops: (() => Promise<unknown>)[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carepact-local-'));
  fs.chmodSync(dir, 0o755);
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    return await startParts(options, stops, dir, stopAll);
  } catch (error) {
    // A half-started stack (a worker that never polled, a port taken) leaves no server behind.
    await stopAll();
    throw error;
  }
}

async function startParts(
  options: { workerProcesses?: number; temporalMode?: TemporalMode },
  stops: (() => Promise<unknown>)[],
  dir: string,
  stopAll: () => Promise<void>,
): Promise<LocalStack> {
  const pgPort = await freePort();
  let pg = await startEmbeddedPostgres(path.join(dir, 'pg'), pgPort);
  let pgRunning = true;
  stops.push(async () => pgRunning && pg.stop());
  const postgres = {
    async stop() {
      await pg.stop();
      pgRunning = false;
    },
    async start() {
      pg = await startEmbeddedPostgres(path.join(dir, 'pg'), pgPort);
      pgRunning = true;
    },
  };
  await ensureDatabase(pg.url('postgres'), 'carepact');
  const db = createDb(pg.url('carepact'), { min: 0, max: 20 });
  await migrateLatest(db);
  stops.push(() => db.destroy());

  const metricsPort = await freePort();
  const server = await startTemporal({
    mode: options.temporalMode ?? temporalModeFrom(),
    postgresUrl: pg.url('postgres'),
    ports: 'free',
    metricsPort,
    historyShards: historyShardsFrom(),
    logFile: path.join(dir, 'temporal.log'),
  });
  stops.push(() => server.stop());
  const connection = await connectSettling(server.address);
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

  const { maxCachedWorkflows, isolateExecutionTimeoutMs } = createConfig().temporal;
  const workerDeps = {
    db,
    transport,
    mailFrom: 'CarePact <bench@carepact.local>',
    publicBaseUrl: apiUrl,
    logger,
    evidenceDir: path.join(dir, 'evidence'),
  };
  let workers: WorkerPool | undefined;
  if (options.workerProcesses) {
    // Bundled once here, as an image would ship it: each worker then starts without bundling.
    const bundlePath = path.join(dir, 'workflow-bundle.js');
    const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: quietBundler });
    fs.writeFileSync(bundlePath, code);
    workers = await startWorkerPool(
      options.workerProcesses,
      {
        DATABASE_URL: pg.url('carepact'),
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        SMTP_URL: mail.smtpUrl,
        MAIL_FROM: workerDeps.mailFrom,
        PUBLIC_BASE_URL: apiUrl,
        EVIDENCE_DIR: workerDeps.evidenceDir,
        LOG_LEVEL: 'warn',
        WORKFLOW_BUNDLE_PATH: bundlePath,
        WORKER_MAX_CACHED_WORKFLOWS: String(maxCachedWorkflows),
      },
      temporal,
    );
    stops.push(() => workers!.stop());
  } else {
    const { worker, connection: native } = await createWorker({
      address: server.address,
      namespace: 'default',
      taskQueue,
      maxCachedWorkflows,
      isolateExecutionTimeoutMs,
      deps: workerDeps,
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
      await native.close();
    });
  }
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
    temporalServer: server,
    workers,
    postgres,
    taskQueue,
    mail,
    apiUrl,
    adminToken,
    adminSignInLink: signIn.url,
    stop: stopAll,
  };
}
