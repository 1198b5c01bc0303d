import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createApp } from '../../api/app';
import { createDb, Db } from '../../platform/db';
import { createLogger } from '../../platform/logger';
import { MailCatcher, startMailCatcher } from '../../platform/mail-catcher';
import { createMailTransport } from '../../platform/mail-transport';
import { ensureBootstrapAdmin, generateToken } from '../../stores/user-store';
import { createWorker } from '../../worker/create-worker';
import { readRunInfo } from './run-info';

export interface ApiResponse {
  status: number;
  body: any;
  contentType: string;
}

export interface TestStack {
  db: Db;
  mail: MailCatcher;
  temporal: Client;
  taskQueue: string;
  baseUrl: string;
  adminToken: string;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<ApiResponse>;
  /** Stops the worker and starts a fresh one on the same task queue. */
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

async function withAdmin<T>(url: string, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The real stack for one test file: its own database cloned from the migrated template, a real
 * SMTP catcher, a worker on its own task queue against the shared Temporal server, and the API.
 */
export async function startStack(): Promise<TestStack> {
  Runtime.install({ logger: new DefaultLogger((process.env.TEST_WORKER_LOG_LEVEL as 'WARN') ?? 'WARN') });
  const info = readRunInfo();
  const database = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await withAdmin(info.pgAdminUrl, (c) => c.query(`CREATE DATABASE "${database}" TEMPLATE "${info.templateDatabase}"`));
  const db = createDb(info.pgAdminUrl.replace(/\/[^/]*$/, `/${database}`));
  const mail = await startMailCatcher({ smtpPort: 0 });
  const transport = createMailTransport(mail.smtpUrl);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const taskQueue = `test-${database}`;
  const connection = await Connection.connect({ address: info.temporalAddress });
  const temporal = new Client({ connection, namespace: 'default' });

  const { app } = createApp({ db, temporal, taskQueue, logger, mailTransport: transport });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const workerSetup = {
    address: info.temporalAddress,
    namespace: 'default',
    taskQueue,
    workflowBundle: { codePath: info.workflowBundlePath },
    deps: { db, transport, mailFrom: 'CarePact <noreply@carepact.test>', publicBaseUrl: baseUrl, logger },
  };
  let current: { worker: Worker; connection: { close(): Promise<void> }; running: Promise<void> };
  const launch = async () => {
    const { worker, connection: native } = await createWorker(workerSetup);
    current = { worker, connection: native, running: worker.run() };
  };
  await launch();

  const adminToken = generateToken();
  await ensureBootstrapAdmin(db, adminToken);

  return {
    db,
    mail,
    temporal,
    taskQueue,
    baseUrl,
    adminToken,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined = opts.rawBody;
      if (opts.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(opts.body);
      } else if (opts.rawBody !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const contentType = res.headers.get('content-type') ?? '';
      const text = await res.text();
      return { status: res.status, contentType, body: text && /json/.test(contentType) ? JSON.parse(text) : text };
    },
    async restartWorker() {
      current.worker.shutdown();
      await current.running;
      await current.connection.close();
      await launch();
    },
    async stop() {
      current.worker.shutdown();
      await current.running;
      await current.connection.close();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
      transport.close();
      await mail.stop();
      await db.destroy();
      await withAdmin(info.pgAdminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    },
  };
}
