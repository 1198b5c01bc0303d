import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where embedded PostgreSQL's binaries and data go when it runs as the `postgres` OS user (we are
 * root) and that user cannot enter the clone, e.g. one under /root or a `mktemp -d` folder.
 */
export const SHARED_PG_ROOT = '/var/lib/carepact/postgres';

export interface OsUser {
  uid: number;
  gid: number;
}

/** Asked as that user, so every folder above `target`, ACLs and mount options all count. */
export function canReach(user: OsUser, target: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', target], { ...user, stdio: 'ignore' }).status === 0;
}

function sha12(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Shared folders root creates must be enterable by postgres whatever root's umask is. */
function mkdirOpen(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
}

function walk(dir: string, visit: (file: string, stat: fs.Stats) => void) {
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    const stat = fs.lstatSync(file);
    visit(file, stat);
    if (stat.isDirectory()) walk(file, visit);
  }
}

/** Names, sizes and link targets: enough to tell two builds of one version apart without reading 60 MB. */
function fingerprint(dir: string): string {
  const lines: string[] = [];
  walk(dir, (file, stat) =>
    lines.push(`${path.relative(dir, file)}\0${stat.isSymbolicLink() ? fs.readlinkSync(file) : stat.size}`),
  );
  return sha12(lines.join('\n'));
}

/** Everyone may read what the owner may read, and run what the owner may run. */
function openUp(dir: string) {
  fs.chmodSync(dir, 0o755);
  walk(dir, (file, stat) => {
    if (stat.isSymbolicLink()) return;
    fs.chmodSync(file, stat.isDirectory() || stat.mode & 0o100 ? 0o755 : 0o644);
  });
}

/**
 * The folder (holding bin/, lib/, share/) postgres runs from: the package's own when postgres can
 * reach it, else one copy per version and build under SHARED_PG_ROOT, shared by every clone.
 */
export function binariesFor(user: OsUser, nativeDir: string): string {
  if (canReach(user, path.join(nativeDir, 'bin', 'postgres'))) return nativeDir;
  const version = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')).version as string;
  const target = path.join(SHARED_PG_ROOT, 'bin', `${version}-${fingerprint(nativeDir)}`);
  if (!fs.existsSync(target)) {
    mkdirOpen(path.dirname(target));
    // Copied beside it, then renamed: a concurrent start never sees half a copy.
    const partial = `${target}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    openUp(partial);
    try {
      fs.renameSync(partial, target);
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(target)) throw error;
    }
  }
  if (!canReach(user, path.join(target, 'bin', 'postgres'))) {
    throw new Error(
      `the postgres OS user cannot run PostgreSQL from ${nativeDir} nor from ${target}; ` +
        'set DATABASE_URL to use your own server',
    );
  }
  return target;
}

export interface DataPlacement {
  dataDir: string;
  /** The folder asked for, when postgres cannot reach it and the data lives elsewhere. */
  requested?: string;
  /** Removes the data and, when moved, the folder made for it. */
  remove(): void;
}

/**
 * `requested` when postgres can reach the folder it would be in; else a folder under SHARED_PG_ROOT
 * named by a hash of `requested`, so each clone (and each test run's temporary folder) keeps its own
 * data, and the next start of the same clone finds it again.
 */
export function dataDirFor(user: OsUser, requested: string): DataPlacement {
  const absolute = path.resolve(requested);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  if (canReach(user, path.dirname(absolute)))
    return { dataDir: absolute, remove: () => fs.rmSync(absolute, { recursive: true, force: true }) };
  const home = path.join(SHARED_PG_ROOT, 'data', sha12(absolute));
  mkdirOpen(path.dirname(home));
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.chownSync(home, user.uid, user.gid);
  // So whoever lists SHARED_PG_ROOT/data can tell which clone a folder belongs to.
  fs.writeFileSync(path.join(home, 'origin'), `${absolute}\n`);
  if (!canReach(user, home))
    throw new Error(
      `the postgres OS user can reach neither ${path.dirname(absolute)} nor ${home}; ` +
        'set DATABASE_URL to use your own server',
    );
  return {
    dataDir: path.join(home, 'pg'),
    requested: absolute,
    remove: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}
