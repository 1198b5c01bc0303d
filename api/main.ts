import { createConfig, requireSetting } from '../platform/config';
import { createDb } from '../platform/db';
import { createLogger } from '../platform/logger';
import { createMailTransport } from '../platform/mail-transport';
import { connectClient } from '../platform/temporal-connection';
import { ensureBootstrapAdmin } from '../stores/user-store';
import { createApp } from './app';

/** The API process: configured only by environment variables (see README). */
async function main() {
  const config = createConfig();
  const logger = createLogger(config.logLevel, 'carepact-api');
  const db = createDb(requireSetting(config.databaseUrl, 'DATABASE_URL'));
  if (config.bootstrapAdminToken) {
    const { created } = await ensureBootstrapAdmin(db, config.bootstrapAdminToken);
    if (created) logger.info('bootstrap admin created from BOOTSTRAP_ADMIN_TOKEN');
  }
  const temporal = await connectClient(config);
  const mailTransport = config.smtpUrl ? createMailTransport(config.smtpUrl) : undefined;
  const { app } = createApp({ db, temporal, taskQueue: config.temporal.taskQueue, logger, mailTransport });
  const server = app.listen(config.apiPort, () => logger.info({ port: config.apiPort }, 'api listening'));

  const stop = () => {
    logger.info('api stopping');
    server.close(async () => {
      await temporal.connection.close();
      await db.destroy();
      mailTransport?.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
