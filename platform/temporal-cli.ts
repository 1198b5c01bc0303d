import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
// Later tags carry a replace directive and cannot be go-installed.
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

/** Outside the clone, so every fresh clone and CI run on this machine reuses one build. */
export function temporalCacheDir(env = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'carepact', 'tools', `temporal-${TEMPORAL_CLI_VERSION.slice(1)}`);
}

function onPath(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const location = found.stdout.trim();
  return found.status === 0 && location ? location : undefined;
}

/**
 * The Temporal CLI (dev server + Web UI): $TEMPORAL_CLI, else `temporal` on PATH, else the
 * cached build, else `go install` into the cache. Throws with install advice when none works.
 */
export function ensureTemporalCli(log: (msg: string) => void = console.log): string {
  const explicit = process.env.TEMPORAL_CLI;
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`TEMPORAL_CLI=${explicit} does not exist`);
    return explicit;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;

  const dir = temporalCacheDir();
  const cached = path.join(dir, 'temporal');
  if (fs.existsSync(cached)) return cached;

  // Go's own installer puts it in /usr/local/go, which a non-login shell may not have on PATH.
  const go = onPath('go') ?? ['/usr/local/go/bin/go', path.join(os.homedir(), 'go', 'bin', 'go')].find((candidate) => fs.existsSync(candidate));
  if (!go) {
    throw new Error(
      'The Temporal CLI was not found. Install it (https://docs.temporal.io/cli) so `temporal` is on PATH, ' +
        `or install Go and rerun: this project then builds it with \`go install ${GO_PACKAGE}\`.`,
    );
  }
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${dir} (first run only; takes a few minutes)…`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync(go, ['install', GO_PACKAGE], { env: { ...process.env, GOBIN: dir }, stdio: 'inherit' });
  } catch (error) {
    throw new Error(`\`go install ${GO_PACKAGE}\` failed: ${(error as Error).message}`);
  }
  if (!fs.existsSync(cached)) throw new Error(`go install finished but ${cached} is missing`);
  return cached;
}
