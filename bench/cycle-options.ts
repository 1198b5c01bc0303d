import fs from 'node:fs';
import path from 'node:path';
import { historyShardsFrom, temporalModeFrom, type TemporalMode } from '../platform/temporal-mode';

export interface CycleBenchOptions {
  contracts: number;
  page: number;
  /** Worker processes (the production entry); 0 runs the worker inside the bench process. */
  workers: number;
  /**
   * `twice`: a bare fan-out before and after the cycle (mean). To save time on a big run, `once`: before only;
   * `after`: after only, so the cycle's figures are in the log first (the bare then runs on a fuller server).
   */
  bare: 'once' | 'twice' | 'after';
  /** One worker against two: a fresh stack for each, same seed, same sequence. */
  compareWorkers: boolean;
}

const raw = (argv: string[], name: string) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ??
  (argv.includes(`--${name}`) ? (argv[argv.indexOf(`--${name}`) + 1] ?? '') : undefined);

function count(argv: string[], name: string, fallback: number): number {
  const value = raw(argv, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return n;
}

export function cycleBenchOptions(argv = process.argv.slice(2)): CycleBenchOptions {
  const bare = raw(argv, 'bare') ?? 'twice';
  if (bare !== 'once' && bare !== 'twice' && bare !== 'after')
    throw new Error(`--bare must be "once", "twice" or "after", got "${bare}"`);
  return {
    contracts: count(argv, 'contracts', 10_000) || 10_000,
    page: count(argv, 'page', 500) || 500,
    workers: count(argv, 'workers', 1),
    bare,
    compareWorkers: argv.includes('--compare-workers'),
  };
}

/** The server's history shards: TEMPORAL_HISTORY_SHARDS, else the server config's default (1 on the dev server). */
export function historyShardsDescription(mode: TemporalMode = temporalModeFrom()): string {
  if (mode === 'dev') return '1 (dev server)';
  const set = historyShardsFrom();
  if (set) return `${set} (TEMPORAL_HISTORY_SHARDS)`;
  const config = fs.readFileSync(
    path.join(__dirname, '..', '..', 'deploy', 'temporal', 'config', 'carepact.yaml'),
    'utf8',
  );
  return `${/numHistoryShards: \{\{ default "(\d+)"/.exec(config)?.[1] ?? '?'} (carepact.yaml default)`;
}
