import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { migrationSource } from '../migrations';
import { childEnd, keepStderrTail } from '../platform/child-failure';
import { createConfig } from '../platform/config';
import { createDb } from '../platform/db';
import { ensureDatabase, startEmbeddedPostgres } from '../platform/embedded-postgres';
import { ensureTemporalCli } from '../platform/temporal-cli';
import { startTemporalDevServer } from '../platform/temporal-dev-server';
import { bootstrapSignInLink } from '../api/features/session/password-link-writer';
import { ensureBootstrapAdmin, generateToken } from '../stores/user-store';
import { startLocalMail } from './local-mail';

type Stop = { name: string; stop: () => Promise<unknown> };

function log(message: string) {
  console.log(`[carepact] ${message}`);
}

function readOrCreateAdminToken(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const token = generateToken();
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

function startChild(name: string, script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; stop: Stop } {
  // Its own process group, so Ctrl-C reaches it only through us, in the order we choose.
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    env,
    stdio: ['inherit', 'inherit', 'pipe'],
    detached: true,
  });
  const ended = (why: string) => {
    if (stopping) return;
    log(`${why}\nstopping everything`);
    void shutdown(1);
  };
  // Its stderr still reaches the terminal; the tail is kept to say why it ended.
  const stderr = keepStderrTail(child);
  childEnd(child, `the ${name} process`, { stderr }).then(
    () => ended(`the ${name} process exited with code 0`),
    (error: Error) => ended(error.message),
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  return { child, stop: { name, stop } };
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

async function waitForHealth(url: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      last = await res.text();
      if (res.ok) return JSON.parse(last);
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not become healthy: ${last}`);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const config = createConfig();
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

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = process.env.TEMPORAL_UI_URL;
  if (!temporalAddress) {
    const cli = ensureTemporalCli(log);
    log(`starting the Temporal dev server (${cli}; state in ${path.join(config.dataDir, 'temporal.db')})`);
    const server = await startTemporalDevServer({
      cliPath: cli,
      port: Number(config.temporal.address.split(':')[1] ?? 7233),
      uiPort: config.temporal.uiPort,
      dbFile: path.join(config.dataDir, 'temporal.db'),
      logFile: path.join(config.dataDir, 'temporal.log'),
    });
    stops.push({ name: 'Temporal dev server', stop: () => server.stop() });
    temporalAddress = server.address;
    temporalUi = server.uiUrl;
  }

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
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: smtpUrl,
    PUBLIC_BASE_URL: apiUrl,
  };
  const worker = startChild('worker', path.join(__dirname, '../worker/main.js'), env);
  stops.push(worker.stop);
  const api = startChild('api', path.join(__dirname, '../api/main.js'), env);
  stops.push(api.stop);

  const health = await waitForHealth(`http://127.0.0.1:${config.apiPort}/health`);
  console.log(`
  CarePact is up.
    Console        ${apiUrl}/console/
    Sign in        ${signIn.url}
                   (one-time link for the bootstrap admin ${signIn.email}: set a password, then sign in;
                    valid until ${signIn.expiresAt.toISOString()}; each start prints a new one and retires the last)
    API            ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)
    Health         ${apiUrl}/health  → ${health.status}
    Temporal       ${temporalAddress}   Web UI: ${temporalUi ?? 'see your Temporal cluster'}
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
