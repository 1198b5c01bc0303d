import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, LogLevel, Runtime } from '@temporalio/worker';
import { createConfig, requireSetting } from '../platform/config';
import { createDb } from '../platform/db';
import { createLogger } from '../platform/logger';
import { createMailTransport } from '../platform/mail-transport';
import { ensureEvidenceSweepSchedule } from '../platform/maintenance-schedules';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { createWorker } from './create-worker';

/** The worker process: configured only by environment variables (see README). */
async function main() {
  const config = createConfig();
  const logger = createLogger(config.logLevel, 'carepact-worker');
  // The SDK's own log follows LOG_LEVEL too.
  const sdkLevels: Record<string, LogLevel> = {
    trace: 'TRACE',
    debug: 'DEBUG',
    info: 'INFO',
    warn: 'WARN',
    error: 'ERROR',
    fatal: 'ERROR',
    silent: 'ERROR',
  };
  Runtime.install({ logger: new DefaultLogger(sdkLevels[config.logLevel] ?? 'INFO') });
  const db = createDb(requireSetting(config.databaseUrl, 'DATABASE_URL'));
  const transport = createMailTransport(requireSetting(config.smtpUrl, 'SMTP_URL'));

  const admin = await Connection.connect({ address: config.temporal.address });
  const added = await ensureSearchAttributes(admin, config.temporal.namespace);
  if (added.length) logger.info({ added }, 'registered search attributes');
  await ensureEvidenceSweepSchedule(
    new Client({ connection: admin, namespace: config.temporal.namespace }),
    config.temporal.taskQueue,
    config.evidenceSweepGraceDays,
  );
  await admin.close();

  const { worker, connection } = await createWorker({
    address: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    maxCachedWorkflows: config.temporal.maxCachedWorkflows,
    isolateExecutionTimeoutMs: config.temporal.isolateExecutionTimeoutMs,
    deps: {
      db,
      transport,
      mailFrom: config.mailFrom,
      publicBaseUrl: config.publicBaseUrl,
      logger,
      evidenceDir: config.evidence.dir,
    },
    // A bundle built ahead of time (e.g. in CI or an image) skips bundling at every start.
    ...(process.env.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH } } : {}),
  });
  logger.info({ taskQueue: config.temporal.taskQueue, address: config.temporal.address }, 'worker started');
  // Worker.run() handles SIGINT/SIGTERM itself: it drains in-flight tasks, then resolves.
  await worker.run();
  await connection.close();
  await db.destroy();
  transport.close();
  logger.info('worker stopped');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
