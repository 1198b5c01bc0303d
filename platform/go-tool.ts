import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A command-line tool that `go install` builds, e.g. the Temporal CLI or Mailpit. */
export interface GoTool {
  /** The binary's name as it would be found on PATH. */
  command: string;
  /** The name `go install` writes, when it is not `command` (the Temporal server's `cmd/server` writes `server`). */
  binary?: string;
  title: string;
  /** Module path of the main package, without the version. */
  goPackage: string;
  /** A tag, e.g. 'v1.33.1'. */
  version: string;
  /** An environment variable that may name the binary explicitly. */
  envVar: string;
  /** Where a person can get it without Go. */
  installUrl: string;
}

/** Outside the clone, so every fresh clone and CI run on this machine reuses one build. */
export function goToolCacheDir(tool: GoTool, env = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'carepact', 'tools', `${tool.command}-${tool.version.replace(/^v/, '')}`);
}

function onPath(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const location = found.stdout.trim();
  return found.status === 0 && location ? location : undefined;
}

/** Go's own installer puts it in /usr/local/go, which a non-login shell may not have on PATH. */
export function findGo(): string | undefined {
  return (
    onPath('go') ??
    ['/usr/local/go/bin/go', path.join(os.homedir(), 'go', 'bin', 'go')].find((candidate) => fs.existsSync(candidate))
  );
}

/**
 * The tool's binary: $envVar, else the command on PATH, else the cached build, else `go install`
 * into the cache (blocking; minutes the first time). Throws with install advice when none works.
 */
export function ensureGoTool(tool: GoTool, log: (msg: string) => void = console.log): string {
  const explicit = process.env[tool.envVar];
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`${tool.envVar}=${explicit} does not exist`);
    return explicit;
  }
  const fromPath = onPath(tool.command);
  if (fromPath) return fromPath;

  const dir = goToolCacheDir(tool);
  const cached = path.join(dir, tool.binary ?? tool.command);
  if (fs.existsSync(cached)) return cached;

  const spec = `${tool.goPackage}@${tool.version}`;
  const go = findGo();
  if (!go) {
    throw new Error(
      `${tool.title} was not found. Install it (${tool.installUrl}) so \`${tool.command}\` is on PATH, ` +
        `or install Go and rerun: this project then builds it with \`go install ${spec}\`.`,
    );
  }
  log(`Building ${tool.title} ${tool.version} with Go into ${dir} (first run only; takes a few minutes)…`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync(go, ['install', spec], { env: { ...process.env, GOBIN: dir }, stdio: 'inherit' });
  } catch (error) {
    throw new Error(`\`go install ${spec}\` failed: ${(error as Error).message}`);
  }
  if (!fs.existsSync(cached)) throw new Error(`go install finished but ${cached} is missing`);
  return cached;
}
