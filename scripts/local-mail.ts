import path from 'node:path';
import type { Config } from '../platform/config';
import { startMailCatcher } from '../platform/mail-catcher';
import { ensureMailpit, startMailpit } from '../platform/mailpit';

export interface LocalMail {
  smtpUrl: string;
  /** What runs and where a person reads the mail, for the start banner. */
  summary: string;
  name: string;
  stop(): Promise<void>;
}

/** Mailpit when it can be had (Go builds it once), else the built-in catcher writing .eml files. */
export async function startLocalMail(config: Config, log: (msg: string) => void): Promise<LocalMail> {
  let mailpitBin: string | undefined;
  try {
    mailpitBin = ensureMailpit(log);
  } catch (error) {
    log(`${(error as Error).message}\n  Falling back to the built-in mail catcher, which has no web view.`);
  }
  if (mailpitBin) {
    const dbFile = path.join(config.dataDir, 'mailpit.db');
    log(`starting Mailpit (${mailpitBin}; mail kept in ${dbFile})`);
    const mailpit = await startMailpit({
      binPath: mailpitBin,
      smtpPort: config.smtpCatcherPort,
      uiPort: config.mailWebPort,
      dbFile,
      logFile: path.join(config.dataDir, 'mailpit.log'),
    });
    return {
      name: 'Mailpit',
      smtpUrl: mailpit.smtpUrl,
      summary: `Mailpit ${mailpit.webUrl}   (SMTP ${mailpit.smtpUrl})`,
      stop: mailpit.stop,
    };
  }
  const storeDir = path.join(config.dataDir, 'mail');
  const catcher = await startMailCatcher({ smtpPort: config.smtpCatcherPort, storeDir });
  return {
    name: 'mail catcher',
    smtpUrl: catcher.smtpUrl,
    summary: `built-in catcher ${catcher.smtpUrl}, no web view: each mail is an .eml file in ${storeDir}`,
    stop: catcher.stop,
  };
}
