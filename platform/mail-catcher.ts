import { promises as fsp } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/**
 * An in-process SMTP receiver that tests can wait on: fast, and needs nothing but Node.
 * People reading mail use Mailpit (platform/mailpit.ts); this is npm start's fallback without Go.
 */

export interface CapturedMail {
  /** Arrival order, zero-padded. */
  id: string;
  receivedAt: string;
  envelopeFrom: string;
  envelopeTo: string[];
  messageId?: string;
  subject: string;
  /** Lower-cased names; values unfolded but not decoded; the first of repeated headers. */
  headers: Record<string, string>;
  text?: string;
  html?: string;
  attachments: { filename?: string; contentType: string; size: number; content: Buffer }[];
  raw: string;
}

export interface MailCatcherOptions {
  /** 0 = ephemeral. */
  smtpPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** If set, each mail is also written there as <id>.eml, numbered on from what is already there. */
  storeDir?: string;
  logger?: { info(o: object, msg?: string): void };
}

export interface MailCatcher {
  smtpUrl: string;
  /** In arrival order. */
  mails(): CapturedMail[];
  /**
   * Resolves with all matching mails once at least `count` (default 1) exist; rejects after `timeoutMs` (default 10 s).
   */
  waitFor(
    predicate: (m: CapturedMail) => boolean,
    opts?: { timeoutMs?: number; count?: number },
  ): Promise<CapturedMail[]>;
  /** Forgets the mails received so far (stored files stay). */
  clear(): void;
  stop(): Promise<void>;
}

/** Re-checks one pending waitFor; called on every arrival, and with an error on stop. */
type Waiter = (stopped?: Error) => void;

const MAX_SIZE = 25 * 1024 * 1024;

export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const { storeDir, logger } = opts;
  let sequence = storeDir ? await lastStoredId(storeDir) : 0;
  const mails: CapturedMail[] = [];
  const waiters = new Set<Waiter>();

  async function accept(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const receivedAt = new Date().toISOString();
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    // Numbered once parsed, so ids follow the order of mails().
    const id = String(++sequence).padStart(6, '0');
    const { mailFrom, rcptTo } = session.envelope;
    const mail: CapturedMail = {
      id,
      receivedAt,
      envelopeFrom: mailFrom ? mailFrom.address : '',
      envelopeTo: rcptTo.map((r) => r.address.toLowerCase()),
      ...fromParsed(parsed),
      raw: raw.toString('utf8'),
    };
    mails.push(mail);
    try {
      if (storeDir) await fsp.writeFile(path.join(storeDir, `${id}.eml`), raw);
      logger?.info({ id, to: mail.envelopeTo, subject: mail.subject }, 'mail captured');
    } finally {
      waiters.forEach((check) => check());
    }
  }

  const smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_SIZE,
    closeTimeout: 500,
    disableReverseLookup: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username || 'anonymous' }),
    onData: (stream: SMTPServerDataStream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded)
          return callback(Object.assign(new Error('message exceeds 25 MB'), { responseCode: 552 }));
        accept(Buffer.concat(chunks), session).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      });
    },
  });
  // Client hiccups (resets, timeouts) surface here; they must not crash the process.
  smtp.on('error', (error: Error) => logger?.info({ err: error.message }, 'mail catcher smtp error'));
  const smtpPort = await new Promise<number>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.server.listen(opts.smtpPort ?? 0, host, () => {
      smtp.server.off('error', reject);
      resolve((smtp.server.address() as AddressInfo).port);
    });
  });

  const catcher: MailCatcher = {
    smtpUrl: `smtp://${host.includes(':') ? `[${host}]` : host}:${smtpPort}`,
    mails: () => [...mails],
    waitFor(predicate, { timeoutMs = 10_000, count = 1 } = {}) {
      return new Promise((resolve, reject) => {
        const finish = (error?: Error, matches: CapturedMail[] = []): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(matches);
        };
        const check = (stopped?: Error, timedOut = false): void => {
          if (stopped) return finish(stopped);
          let matches: CapturedMail[];
          try {
            matches = mails.filter(predicate);
          } catch (error) {
            return finish(error as Error);
          }
          if (matches.length >= count) finish(undefined, matches);
          else if (timedOut) finish(timeoutError(timeoutMs, count, matches.length, mails));
        };
        const timer = setTimeout(() => check(undefined, true), timeoutMs);
        waiters.add(check);
        check();
      });
    },
    clear() {
      mails.splice(0);
    },
    async stop() {
      waiters.forEach((check) => check(new Error('mail catcher stopped')));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
  logger?.info({ smtpUrl: catcher.smtpUrl, storeDir }, 'mail catcher listening');
  return catcher;
}

function fromParsed(
  parsed: ParsedMail,
): Pick<CapturedMail, 'messageId' | 'subject' | 'headers' | 'text' | 'html' | 'attachments'> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    headers[key] ??= line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return {
    messageId: parsed.messageId,
    subject: parsed.subject ?? '',
    headers,
    text: parsed.text,
    html: parsed.html === false ? undefined : parsed.html,
    attachments: parsed.attachments.map(({ filename, contentType, size, content }) => ({
      filename,
      contentType,
      size,
      content,
    })),
  };
}

async function lastStoredId(dir: string): Promise<number> {
  await fsp.mkdir(dir, { recursive: true });
  const ids = (await fsp.readdir(dir)).map((name) => Number(/^(\d+)\.eml$/.exec(name)?.[1] ?? 0));
  return Math.max(0, ...ids);
}

function timeoutError(timeoutMs: number, count: number, matched: number, mails: CapturedMail[]): Error {
  const arrived = mails.map((m) => `\n  #${m.id} to ${m.envelopeTo.join(', ')}: ${JSON.stringify(m.subject)}`).join('');
  return new Error(
    `waitFor timed out after ${timeoutMs} ms: wanted ${count} matching mail(s), ${matched} matched. ` +
      `Arrived (${mails.length}):${arrived || ' none'}`,
  );
}
