import type { ChildProcess, SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';

/** Enough of a child's last words to name the cause, little enough to read in a terminal. */
const TAIL_BYTES = 4000;
const TAIL_LINES = 40;

export interface ChildEnd {
  /** The command line as a human would type it. */
  command: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process never ran (ENOENT, EACCES, …): exit code and signal are then both null. */
  spawnError?: NodeJS.ErrnoException;
  stderr?: string;
  /** A log the child wrote instead of stderr (pg_ctl, the Temporal dev server): its tail is quoted. */
  logFile?: string;
}

/** A child process that did not do its job, with how it ended and what it said. */
export class ChildProcessError extends Error {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;

  constructor(end: ChildEnd) {
    super(describeChildEnd(end), end.spawnError ? { cause: end.spawnError } : undefined);
    this.name = 'ChildProcessError';
    this.exitCode = end.exitCode;
    this.signal = end.signal;
    this.stderr = end.stderr ?? '';
  }
}

export function tail(text: string, bytes = TAIL_BYTES): string {
  const lines = text.trimEnd().slice(-bytes).split('\n');
  const kept = lines.slice(-TAIL_LINES).join('\n');
  return kept.length < text.trimEnd().length ? `…${kept}` : kept;
}

export function fileTail(file: string, bytes = TAIL_BYTES): string {
  try {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(size, bytes));
      fs.readSync(fd, buffer, 0, buffer.length, size - buffer.length);
      return tail(buffer.toString('utf8'), bytes);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

export function describeChildEnd(end: ChildEnd): string {
  const how = end.spawnError
    ? `could not be started (${end.spawnError.code ?? end.spawnError.message}: ${end.spawnError.message})`
    : end.signal
      ? `was killed by signal ${end.signal}`
      : `exited with code ${end.exitCode}`;
  const parts = [`${end.command} ${how}`];
  const stderr = tail(end.stderr ?? '');
  if (!end.spawnError) parts.push(stderr ? `stderr:\n${indent(stderr)}` : 'stderr: (empty)');
  if (end.logFile) {
    const log = fileTail(end.logFile);
    parts.push(log ? `last lines of ${end.logFile}:\n${indent(log)}` : `see ${end.logFile}`);
  }
  return parts.join('\n');
}

function indent(text: string): string {
  return text.replace(/^/gm, '  | ');
}

export function commandLine(file: string, args: readonly string[]): string {
  return [file, ...args]
    .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** The stdout of a finished spawnSync, or a ChildProcessError saying how it failed. */
export function expectSuccess(result: SpawnSyncReturns<string>, command: string, logFile?: string): string {
  if (!result.error && result.status === 0) return result.stdout;
  throw new ChildProcessError({
    command,
    exitCode: result.status,
    signal: result.signal,
    spawnError: result.error as NodeJS.ErrnoException | undefined,
    stderr: result.stderr ?? '',
    logFile,
  });
}

/**
 * Passes a child's stderr (spawned with stdio[2] 'pipe') through to ours, so it is still seen as it
 * happens, and keeps its tail for the message when the child ends badly.
 */
export function keepStderrTail(child: ChildProcess, echo: NodeJS.WritableStream | null = process.stderr): () => string {
  let kept = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    echo?.write(chunk);
    kept = (kept + chunk).slice(-TAIL_BYTES);
  });
  return () => kept;
}

/** Settles when the child ends: resolves for exit code 0, rejects with a ChildProcessError otherwise. */
export function childEnd(
  child: ChildProcess,
  command: string,
  options: { stderr?: () => string; logFile?: string } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (end: Partial<ChildEnd>) =>
      reject(
        new ChildProcessError({
          command,
          exitCode: null,
          signal: null,
          stderr: options.stderr?.(),
          logFile: options.logFile,
          ...end,
        }),
      );
    child.once('error', (error: NodeJS.ErrnoException) => fail({ spawnError: error }));
    // 'close' rather than 'exit': by then the stderr pipe is drained, so the tail is complete.
    child.once('close', (exitCode, signal) => (exitCode === 0 ? resolve() : fail({ exitCode, signal })));
  });
}
