import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import type { ApiDeps } from '../../api/api-deps';
import { createApp } from '../../api/app';
import { childEnd, keepStderrTail } from '../../platform/child-failure';
import { createDb, Db } from '../../platform/db';
import { createLogger } from '../../platform/logger';
import { MailCatcher, startMailCatcher } from '../../platform/mail-catcher';
import { createMailTransport } from '../../platform/mail-transport';
import { connectSettling } from '../../platform/settling-connection';
import { ensureBootstrapAdmin, generateToken } from '../../stores/user-store';
import { createWorker } from '../../worker/create-worker';
import { createContractChecker, type OpenApiDocument } from './openapi-contract';
import { readRunInfo } from './run-info';
import { hostAndPort, startTcpProxy, TcpProxy } from './tcp-proxy';

export interface ApiResponse {
  status: number;
  body: any;
  contentType: string;
  headers: Headers;
}

export interface TestStack {
  db: Db;
  mail: MailCatcher;
  temporal: Client;
  taskQueue: string;
  baseUrl: string;
  /**
   * The same API as Chromium should open it: http://localhost:<port>. Chromium counts localhost as
   * a secure origin, so it keeps the session's `Secure` `__Host-` cookie over plain HTTP. Unless
   * startStack is given another publicBaseUrl, links in mails and the API's same-origin check use it.
   */
  browserUrl: string;
  adminToken: string;
  /** The API's evidence storage settings; the folder is removed by stop(). */
  evidence: NonNullable<ApiDeps['evidence']>;
  /** Every response is checked against the API's OpenAPI document (status, content type, schema); a mismatch throws. */
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  /** The document every response is checked against (what /openapi.json serves). */
  openApiDocument: OpenApiDocument;
  /** Stops the worker and starts a fresh one on the same task queue. */
  restartWorker(): Promise<void>;
  /** With a child-process worker: SIGKILL it, as a crash or an OOM kill would. */
  killWorker(): Promise<void>;
  startWorker(): Promise<void>;
  /**
   * With startStack({ proxied: true }): the API reaches PostgreSQL
   * and Temporal only through these, so a test can cut either.
   */
  proxies?: { database: TcpProxy; temporal: TcpProxy };
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
const builtWorker = path.join(__dirname, '..', '..', 'dist', 'worker', 'main.js');

/** The production worker process (dist/, built by `npm test`), so a test can kill it for real. */
function spawnWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; ended: Promise<void> } {
  if (!fs.existsSync(builtWorker)) throw new Error(`${builtWorker} is missing: run \`npm run build\` (npm test does)`);
  const child = spawn(process.execPath, [builtWorker], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  // Settles when the worker ends; a crash before it polls then fails the test naming code, signal and stderr.
  const ended = childEnd(child, `worker process ${child.pid}`, { stderr: keepStderrTail(child) });
  ended.catch(() => undefined);
  return { child, ended };
}

/** The API's own database and Temporal client, each through a TCP proxy; the test's db and the worker stay direct. */
async function proxiedApiDeps(databaseUrl: string, temporalAddress: string) {
  const proxies = {
    database: await startTcpProxy(hostAndPort(databaseUrl)),
    temporal: await startTcpProxy(hostAndPort(temporalAddress)),
  };
  const url = new URL(databaseUrl);
  url.host = proxies.database.address;
  const db = createDb(url.toString());
  const connection = await connectSettling(proxies.temporal.address);
  return { proxies, db, temporal: new Client({ connection, namespace: 'default' }) };
}

export async function startStack(
  options: {
    workerProcess?: 'in-process' | 'child';
    evidence?: Partial<NonNullable<ApiDeps['evidence']>>;
    proxied?: boolean;
    /** Session and sign-in settings, e.g. tiny timeouts; unset ones are the defaults (platform/config.ts). */
    auth?: ApiDeps['auth'];
    publicBaseUrl?: string;
  } = {},
): Promise<TestStack> {
  Runtime.install({ logger: new DefaultLogger((process.env.TEST_WORKER_LOG_LEVEL as 'WARN') ?? 'WARN') });
  const info = readRunInfo();
  const database = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await withAdmin(info.pgAdminUrl, (c) => c.query(`CREATE DATABASE "${database}" TEMPLATE "${info.templateDatabase}"`));
  const db = createDb(info.pgAdminUrl.replace(/\/[^/]*$/, `/${database}`));
  const mail = await startMailCatcher({ smtpPort: 0 });
  const transport = createMailTransport(mail.smtpUrl);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const taskQueue = `test-${database}`;
  const connection = await connectSettling(info.temporalAddress);
  const temporal = new Client({ connection, namespace: 'default' });

  const evidence = {
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'carepact-test-evidence-')),
    maxFileBytes: 20 * 1024 * 1024,
    maxFiles: 20,
    maxBodyBytes: 50 * 1024 * 1024,
    allowedTypes: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/heic'],
    ...options.evidence,
  };
  const proxied = options.proxied
    ? await proxiedApiDeps(info.pgAdminUrl.replace(/\/[^/]*$/, `/${database}`), info.temporalAddress)
    : undefined;
  // Listening first, so links in mails (PUBLIC_BASE_URL) can name the port: by default the browser's origin.
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browserUrl = `http://localhost:${port}`;
  const { app, openApiDocument } = createApp({
    db: proxied?.db ?? db,
    temporal: proxied?.temporal ?? temporal,
    taskQueue,
    logger,
    mailTransport: transport,
    mailFrom: 'CarePact <noreply@carepact.test>',
    evidence,
    auth: options.auth,
    publicBaseUrl: options.publicBaseUrl ?? browserUrl,
  });
  const document = JSON.parse(JSON.stringify(openApiDocument)) as OpenApiDocument;
  const checkContract = createContractChecker(document);
  server.on('request', app);

  const workerSetup = {
    address: info.temporalAddress,
    namespace: 'default',
    taskQueue,
    workflowBundle: { codePath: info.workflowBundlePath },
    deps: {
      db,
      transport,
      mailFrom: 'CarePact <noreply@carepact.test>',
      publicBaseUrl: options.publicBaseUrl ?? browserUrl,
      logger,
      evidenceDir: evidence.dir,
    },
  };
  let current: { worker: Worker; connection: { close(): Promise<void> }; running: Promise<void> } | undefined;
  let child: ChildProcess | undefined;
  /**
   * A worker counts as started once Temporal sees it polling, so
   * timings after it are about the workflow, not node start-up.
   */
  const waitForPoller = async (pid: number) => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const res = await temporal.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue },
        taskQueueType: 1,
      });
      if ((res.pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`worker ${pid} did not poll ${taskQueue} within 30 s`);
  };
  const launch = async () => {
    if (options.workerProcess === 'child') {
      const spawned = spawnWorker({
        DATABASE_URL: info.pgAdminUrl.replace(/\/[^/]*$/, `/${database}`),
        TEMPORAL_ADDRESS: info.temporalAddress,
        TEMPORAL_TASK_QUEUE: taskQueue,
        SMTP_URL: mail.smtpUrl,
        PUBLIC_BASE_URL: options.publicBaseUrl ?? browserUrl,
        WORKFLOW_BUNDLE_PATH: info.workflowBundlePath,
        EVIDENCE_DIR: evidence.dir,
        LOG_LEVEL: 'warn',
      });
      child = spawned.child;
      await Promise.race([
        waitForPoller(child.pid!),
        spawned.ended.then(() =>
          Promise.reject(new Error(`worker process ${child!.pid} exited with code 0 before polling`)),
        ),
      ]);
      return;
    }
    const { worker, connection: native } = await createWorker(workerSetup);
    current = { worker, connection: native, running: worker.run() };
  };
  const stopWorker = async () => {
    if (child) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      if (child.exitCode === null && !child.signalCode) child.kill('SIGTERM');
      await exited;
      child = undefined;
    }
    if (current) {
      current.worker.shutdown();
      await current.running;
      await current.connection.close();
      current = undefined;
    }
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
    browserUrl,
    adminToken,
    evidence,
    openApiDocument: document,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | Buffer | undefined = opts.rawBody;
      if (opts.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(opts.body);
      } else if (opts.rawBody !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const contentType = res.headers.get('content-type') ?? '';
      const text = await res.text();
      const response = {
        status: res.status,
        headers: res.headers,
        contentType,
        body: text && /json/.test(contentType) ? JSON.parse(text) : text,
      };
      const mismatches = checkContract(method, path, response);
      if (mismatches.length > 0 && process.env.OPENAPI_CONTRACT_LOG)
        fs.appendFileSync(process.env.OPENAPI_CONTRACT_LOG, mismatches.join('\n') + '\n');
      else if (mismatches.length > 0)
        throw new Error(
          `the response breaks the OpenAPI document:\n  ${mismatches.slice(0, 10).join('\n  ')}\n` +
            `body: ${JSON.stringify(response.body).slice(0, 1000)}`,
        );
      return response;
    },
    async restartWorker() {
      await stopWorker();
      await launch();
    },
    async killWorker() {
      if (!child) throw new Error('killWorker needs startStack({ workerProcess: "child" })');
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      child = undefined;
    },
    startWorker: launch,
    proxies: proxied?.proxies,
    async stop() {
      await stopWorker();
      await new Promise((resolve) => server.close(resolve));
      if (proxied) {
        // Pending client retries (connectSettling) reach Temporal, rather than a cut proxy, before it closes.
        await Promise.all([proxied.proxies.database.restore(), proxied.proxies.temporal.restore()]);
        await proxied.temporal.connection.close();
        await proxied.db.destroy();
        await Promise.all([proxied.proxies.database.close(), proxied.proxies.temporal.close()]);
      }
      await connection.close();
      transport.close();
      await mail.stop();
      await db.destroy();
      await withAdmin(info.pgAdminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
      fs.rmSync(evidence.dir, { recursive: true, force: true });
    },
  };
}
