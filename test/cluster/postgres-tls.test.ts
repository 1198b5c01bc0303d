import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPg } from '../../platform/embedded-postgres';
import { freePort } from '../../platform/ports';
import { startTemporal, type StartedTemporal } from '../../platform/temporal-mode';

/**
 * A managed PostgreSQL that accepts only TLS connections (hostssl): cluster mode, given DATABASE_URL's
 * sslmode, sets up Temporal's schemas and runs its server over TLS. The certificate is self-signed, so
 * the URL says no-verify (TLS without checking the certificate, for Temporal and node-postgres alike).
 */
let dir: string;
let pg: EmbeddedPg | undefined;
let temporal: StartedTemporal | undefined;

/** Turns TLS on with a fresh self-signed certificate and refuses every connection without it. */
function requireTls(dataDir: string) {
  const owner = fs.statSync(dataDir);
  const key = path.join(dataDir, 'server.key');
  const cert = path.join(dataDir, 'server.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  for (const file of [key, cert]) {
    fs.chownSync(file, owner.uid, owner.gid);
    fs.chmodSync(file, 0o600);
  }
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    "\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n",
  );
  const hba = path.join(dataDir, 'pg_hba.conf');
  fs.writeFileSync(hba, fs.readFileSync(hba, 'utf8').replace(/^host(\s)/gm, 'hostssl$1'));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carepact-local-tls-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  pg = await startEmbeddedPostgres(path.join(dir, 'pg'), port);
  await pg.stop();
  requireTls(pg.dataDir);
  pg = await startEmbeddedPostgres(path.join(dir, 'pg'), port);
}, 120_000);

afterAll(async () => {
  await temporal?.stop();
  await pg?.stop();
  pg?.removeData();
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

it("runs the Temporal cluster on a PostgreSQL that accepts only TLS, from DATABASE_URL's sslmode", async () => {
  const url = pg!.url('postgres');
  await expect(new PgClient({ connectionString: url }).connect()).rejects.toThrow(/no encryption/);

  temporal = await startTemporal({
    mode: 'cluster',
    postgresUrl: `${url}?sslmode=no-verify`,
    ports: 'free',
    historyShards: 2,
    logFile: path.join(dir, 'temporal.log'),
  });

  // The server answered a start carrying the search attributes (ensureNamespaceReady's probe), so its
  // persistence wrote; every connection it holds to either database is encrypted.
  const probe = new PgClient({ connectionString: `${pg!.url('temporal')}?sslmode=no-verify` });
  await probe.connect();
  const started = await probe.query('SELECT count(*)::int AS n FROM current_executions').finally(() => probe.end());
  expect(started.rows[0].n).toBeGreaterThan(0);
  const admin = new PgClient({ connectionString: `${url}?sslmode=no-verify` });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT a.datname, count(*)::int AS connections, bool_and(s.ssl) AS all_tls
         FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
        WHERE a.datname IN ('temporal', 'temporal_visibility') GROUP BY a.datname ORDER BY a.datname`,
    );
    expect(rows).toEqual([
      { datname: 'temporal', connections: expect.any(Number), all_tls: true },
      { datname: 'temporal_visibility', connections: expect.any(Number), all_tls: true },
    ]);
  } finally {
    await admin.end();
  }
}, 300_000);
