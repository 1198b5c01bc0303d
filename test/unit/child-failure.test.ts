import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnd, ChildProcessError, commandLine, expectSuccess, keepStderrTail } from '../../platform/child-failure';

const node = (script: string) => spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });

describe('a failed child process says how it ended and what it said', () => {
  it('names the exit code and quotes stderr', () => {
    const result = node(`process.stderr.write('initdb: directory "x" exists but is not empty'); process.exit(1)`);
    expect(() => expectSuccess(result, 'initdb -D x')).toThrow(
      /^initdb -D x exited with code 1\nstderr:\n {2}\| initdb: directory "x" exists but is not empty$/,
    );
  });

  it('names the signal that killed it', () => {
    const result = node(`process.kill(process.pid, 'SIGKILL')`);
    expect(() => expectSuccess(result, 'postgres')).toThrow(
      /^postgres was killed by signal SIGKILL\nstderr: \(empty\)$/,
    );
  });

  it('says when it could not be started at all, instead of "null"', () => {
    const missing = path.join(os.tmpdir(), 'no-such-initdb');
    const result = spawnSync(missing, ['-D', 'x'], { encoding: 'utf8' });
    let error: ChildProcessError | undefined;
    try {
      expectSuccess(result, commandLine(missing, ['-D', 'x']));
    } catch (caught) {
      error = caught as ChildProcessError;
    }
    expect(error).toBeInstanceOf(ChildProcessError);
    expect(error!.message).toMatch(/no-such-initdb -D x could not be started \(ENOENT: /);
    expect(error!.message).not.toMatch(/null/);
  });

  it('quotes the tail of the log a child writes instead of stderr', () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'child-failure-')), 'postgres.log');
    fs.writeFileSync(
      log,
      `${'noise\n'.repeat(2000)}FATAL:  could not create lock file "/run/x/.s.PGSQL.5432.lock": Permission denied\n`,
    );
    const message = (() => {
      try {
        expectSuccess(
          node(`process.stderr.write('pg_ctl: could not start server'); process.exit(1)`),
          'pg_ctl start',
          log,
        );
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('pg_ctl: could not start server');
    expect(message).toContain(`last lines of ${log}:`);
    expect(message).toMatch(/Permission denied$/);
    expect(message!.length).toBeLessThan(5000);
    fs.rmSync(path.dirname(log), { recursive: true });
  });

  it('keeps the stderr tail of a running child and rejects with it when the child fails', async () => {
    const child = spawn(
      process.execPath,
      ['-e', `console.error('Error: connect ECONNREFUSED 127.0.0.1:7233'); process.exit(2)`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const stderr = keepStderrTail(child, null);
    await expect(childEnd(child, 'the worker process', { stderr })).rejects.toThrow(
      /^the worker process exited with code 2\nstderr:\n {2}\| Error: connect ECONNREFUSED 127.0.0.1:7233$/,
    );
  });

  it('resolves when the child succeeds', async () => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await expect(childEnd(child, 'node')).resolves.toBeUndefined();
  });

  it('quotes arguments a shell would split', () => {
    expect(commandLine('pg_ctl', ['-o', "-p 1 -c unix_socket_directories=''"])).toBe(
      `pg_ctl -o '-p 1 -c unix_socket_directories='\\'''\\'''`,
    );
  });
});
