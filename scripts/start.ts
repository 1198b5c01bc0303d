import fs from 'node:fs';
import path from 'node:path';
import { migrationSource } from '../migrations';
import { createConfig } from '../platform/config';
import { createDb } from '../platform/db';
import { ensureDatabase, startEmbeddedPostgres } from '../platform/embedded-postgres';
import { bootstrapSignInLink } from '../api/features/session/password-link-writer';
import { ensureBootstrapAdmin, generateToken } from '../stores/user-store';
import { startLocalMail } from './local-mail';
import { processCountFrom, startNodeChild, waitForHealth, type Stop } from './start-processes';
import { adminUrlOf, startLocalTemporal } from './start-temporal';

function log(message: string) {
  console.log(`[carepact] ${message}`);
}

function readOrCreateAdminToken(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const token = generateToken();
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

const stops: Stop[] = [];
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  for (const { name, stop } of [...stops].reverse()) {
    try {
      await stop();
      log(`${name} stopped`);
    } catch (error) {
      log(`${name} did not stop cleanly: ${(error as Error).message}`);
    }
  }
  process.exit(code);
}

function childEnded(why: string) {
  if (stopping) return;
  log(`${why}\nstopping everything`);
  void shutdown(1);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const config = createConfig();
  const workers = processCountFrom(process.env, 'WORKERS');
  const apiProcesses = processCountFrom(process.env, 'API_PROCESSES');
  fs.mkdirSync(config.dataDir, { recursive: true });

  let databaseUrl = config.databaseUrl;
  let pgData: string | undefined;
  if (!databaseUrl) {
    log('starting embedded PostgreSQL');
    const pg = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), config.embeddedPgPort);
    pgData = pg.dataDir;
    log(
      `embedded PostgreSQL is up, data in ${pg.dataDir}` +
        (pg.requestedDataDir ? ` (the postgres user cannot reach ${pg.requestedDataDir})` : ''),
    );
    stops.push({ name: 'PostgreSQL', stop: () => pg.stop() });
    await ensureDatabase(pg.url('postgres'), 'carepact');
    databaseUrl = pg.url('carepact');
  }
  const db = createDb(databaseUrl, { min: 0, max: 2 });
  await db.migrate.latest({ migrationSource });
  const adminToken = config.bootstrapAdminToken ?? readOrCreateAdminToken(path.join(config.dataDir, 'admin-token'));
  await ensureBootstrapAdmin(db, adminToken);
  const signIn = await bootstrapSignInLink(db, adminToken, {
    publicBaseUrl: config.publicBaseUrl,
    invitationLinkSeconds: config.auth.invitationLinkSeconds,
  });
  await db.destroy();

  const temporal = await startLocalTemporal(config, adminUrlOf(databaseUrl), log);
  if (temporal.stop) stops.push({ name: 'Temporal', stop: temporal.stop });

  let smtpUrl = config.smtpUrl;
  let mailUrl = 'your SMTP server';
  if (!smtpUrl) {
    const mail = await startLocalMail(config, log);
    stops.push({ name: mail.name, stop: () => mail.stop() });
    smtpUrl = mail.smtpUrl;
    mailUrl = mail.summary;
  }

  const apiUrl = config.publicBaseUrl;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: smtpUrl,
    PUBLIC_BASE_URL: apiUrl,
  };
  for (let i = 1; i <= workers; i++)
    stops.push(startNodeChild(`worker ${i}`, path.join(__dirname, '../worker/main.js'), env, childEnded));
  // Every API process answers on its own port; links in mails all start with the first (PUBLIC_BASE_URL).
  const apiPorts = Array.from({ length: apiProcesses }, (_, i) => config.apiPort + i);
  for (const port of apiPorts) {
    const apiEnv = { ...env, PORT: String(port) };
    stops.push(startNodeChild(`API :${port}`, path.join(__dirname, '../api/main.js'), apiEnv, childEnded));
  }
  const health = await Promise.all(apiPorts.map((port) => waitForHealth(`http://127.0.0.1:${port}/health`)));
  const apiLines = apiPorts
    .map((port, i) => `http://localhost:${port}  (health → ${health[i]!.status})`)
    .join('\n                   ');
  console.log(`
  CarePact is up.
    Console        ${apiUrl}/console/
    Sign in        ${signIn.url}
                   (one-time link for the bootstrap admin ${signIn.email}: set a password, then sign in;
                    valid until ${signIn.expiresAt.toISOString()}; each start prints a new one and retires the last)
    API            ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)
    API processes  ${apiLines}
    Workers        ${workers} process${workers === 1 ? '' : 'es'}
    Temporal       ${temporal.address}   Web UI: ${temporal.uiUrl ?? 'see your Temporal cluster'}
                   ${temporal.summary.join('\n                   ')}
    Mail           ${mailUrl}
    Database       ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}${pgData ? `   (data in ${pgData})` : ''}
    Admin token    ${config.bootstrapAdminToken ? '(from BOOTSTRAP_ADMIN_TOKEN)' : `${adminToken}   (kept in ${path.join(config.dataDir, 'admin-token')})`}
  Ctrl-C stops everything; the next start keeps all data and running workflows.
`);
}

main().catch((error) => {
  console.error(error);
  void shutdown(1);
});
