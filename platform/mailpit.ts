import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureGoTool, type GoTool } from './go-tool';
import { waitForPort } from './ports';

export const MAILPIT: GoTool = {
  command: 'mailpit',
  title: 'Mailpit',
  goPackage: 'github.com/axllent/mailpit',
  version: 'v1.33.1',
  envVar: 'MAILPIT_BIN',
  installUrl: 'https://mailpit.axllent.org/docs/install/',
};

export function ensureMailpit(log: (msg: string) => void = console.log): string {
  return ensureGoTool(MAILPIT, log);
}

export interface MailpitOptions {
  binPath: string;
  smtpPort: number;
  uiPort: number;
  /** SQLite file that keeps mail across restarts. */
  dbFile: string;
  logFile: string;
}

export interface Mailpit {
  smtpUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

/** Mailpit on 127.0.0.1 with the settings docker-compose.yml gives its mailpit service. */
export async function startMailpit(options: MailpitOptions): Promise<Mailpit> {
  fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const env = {
    MP_MAX_MESSAGES: '5000',
    MP_SMTP_AUTH_ACCEPT_ANY: '1',
    MP_SMTP_AUTH_ALLOW_INSECURE: '1',
    ...process.env,
    MP_DATABASE: options.dbFile,
    MP_SMTP_BIND_ADDR: `127.0.0.1:${options.smtpPort}`,
    MP_UI_BIND_ADDR: `127.0.0.1:${options.uiPort}`,
  };
  const out = fs.openSync(options.logFile, 'a');
  // Its own process group: Ctrl-C reaches it only through the caller's ordered shutdown.
  const child = spawn(options.binPath, [], { env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  let exited = false;
  child.on('exit', () => (exited = true));
  const died = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Mailpit exited with ${code}; see ${options.logFile}`))),
  );
  died.catch(() => undefined);
  await Promise.race([Promise.all([waitForPort(options.smtpPort), waitForPort(options.uiPort)]), died]);
  return {
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    webUrl: `http://127.0.0.1:${options.uiPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
