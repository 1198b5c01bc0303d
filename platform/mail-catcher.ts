import { existsSync, promises as fsp, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import path from 'node:path';
import express from 'express';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { decodeWords, parseMessage } from './mime';

export interface CapturedMail {
  id: string;
  receivedAt: string;
  envelopeFrom: string;
  envelopeTo: string[];
  messageId?: string;
  subject: string;
  headers: Record<string, string>;
  /** Line endings normalised to \n. */
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
  /** Undefined = no web view; 0 = ephemeral. */
  webPort?: number;
  /** If set, each mail is also written as <id>.eml (+ <id>.json envelope) and reloaded on start. */
  storeDir?: string;
  logger?: { info(o: object, msg?: string): void };
}

export interface MailCatcher {
  smtpUrl: string;
  webUrl?: string;
  /** In arrival order. */
  mails(): CapturedMail[];
  /** Resolves with all matching mails once at least `count` (default 1) exist; rejects after `timeoutMs` (default 10 s). */
  waitFor(predicate: (m: CapturedMail) => boolean, opts?: { timeoutMs?: number; count?: number }): Promise<CapturedMail[]>;
  /** Forgets all mails, including their stored files. */
  clear(): void;
  stop(): Promise<void>;
}

interface Envelope {
  envelopeFrom: string;
  envelopeTo: string[];
  receivedAt: string;
}

/** Re-checks one pending waitFor; called on every arrival, and with an error on stop. */
type Waiter = (stopped?: Error) => void;

const MAX_SIZE = 25 * 1024 * 1024;

export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const { storeDir, logger } = opts;
  const mails: CapturedMail[] = storeDir ? await loadStore(storeDir) : [];
  let sequence = mails.reduce((max, m) => Math.max(max, Number(m.id)), 0);
  const waiters = new Set<Waiter>();

  const notify = (): void => waiters.forEach((check) => check());

  async function accept(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const id = String(++sequence).padStart(6, '0');
    const { mailFrom, rcptTo } = session.envelope;
    const envelope: Envelope = {
      envelopeFrom: mailFrom ? mailFrom.address : '',
      envelopeTo: rcptTo.map((r) => r.address.toLowerCase()),
      receivedAt: new Date().toISOString(),
    };
    const mail = toCapturedMail(id, raw, envelope);
    mails.push(mail);
    try {
      if (storeDir) {
        await fsp.writeFile(path.join(storeDir, `${id}.eml`), raw);
        await fsp.writeFile(path.join(storeDir, `${id}.json`), JSON.stringify(envelope));
      }
      logger?.info({ id, to: mail.envelopeTo, subject: mail.subject }, 'mail captured');
    } finally {
      notify();
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
        if (stream.sizeExceeded) return callback(Object.assign(new Error('message exceeds 25 MB'), { responseCode: 552 }));
        accept(Buffer.concat(chunks), session).then(() => callback(), (error: Error) => callback(error));
      });
    },
  });
  // Client hiccups (resets, timeouts) surface here; they must not crash the process.
  smtp.on('error', (error: Error) => logger?.info({ err: error.message }, 'mail catcher smtp error'));
  const smtpPort = await listen(smtp.server, opts.smtpPort ?? 0, host);

  const web = opts.webPort === undefined ? undefined : http.createServer(webApp(() => mails));
  const webPort = web ? await listen(web, opts.webPort ?? 0, host) : undefined;

  const catcher: MailCatcher = {
    smtpUrl: `smtp://${urlHost(host)}:${smtpPort}`,
    webUrl: web ? `http://${urlHost(host)}:${webPort}` : undefined,
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
      for (const mail of mails.splice(0)) {
        if (!storeDir) continue;
        for (const ext of ['eml', 'json']) rmSync(path.join(storeDir, `${mail.id}.${ext}`), { force: true });
      }
    },
    async stop() {
      waiters.forEach((check) => check(new Error('mail catcher stopped')));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) {
        web.closeAllConnections();
        await new Promise<void>((resolve) => web.close(() => resolve()));
      }
    },
  };
  logger?.info({ smtpUrl: catcher.smtpUrl, webUrl: catcher.webUrl, storeDir }, 'mail catcher listening');
  return catcher;
}

function toCapturedMail(id: string, raw: Buffer, envelope: Envelope): CapturedMail {
  const parsed = parseMessage(raw);
  return { id, ...envelope, ...parsed, raw: raw.toString('utf8') };
}

async function loadStore(dir: string): Promise<CapturedMail[]> {
  await fsp.mkdir(dir, { recursive: true });
  const ids = (await fsp.readdir(dir))
    .map((name) => /^(\d+)\.eml$/.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  return Promise.all(
    ids.map(async (id) => {
      const emlPath = path.join(dir, `${id}.eml`);
      const jsonPath = path.join(dir, `${id}.json`);
      const envelope: Envelope = existsSync(jsonPath)
        ? (JSON.parse(await fsp.readFile(jsonPath, 'utf8')) as Envelope)
        : { envelopeFrom: '', envelopeTo: [], receivedAt: (await fsp.stat(emlPath)).mtime.toISOString() };
      return toCapturedMail(id, await fsp.readFile(emlPath), envelope);
    }),
  );
}

function timeoutError(timeoutMs: number, count: number, matched: number, mails: CapturedMail[]): Error {
  const arrived = mails.length === 0
    ? 'none'
    : mails.map((m) => `\n  #${m.id} to ${m.envelopeTo.join(', ')}: ${JSON.stringify(m.subject)}`).join('');
  return new Error(
    `waitFor timed out after ${timeoutMs} ms: wanted ${count} matching mail(s), ${matched} matched. ` +
      `Arrived (${mails.length}):${mails.length ? '' : ' '}${arrived}`,
  );
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

// ---- web view -------------------------------------------------------------------------------

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
th{background:#f4f4f4}pre{background:#f8f8f8;padding:1rem;white-space:pre-wrap;word-break:break-word}
a{color:#0b5cad}.muted{color:#777}iframe{width:100%;height:30rem;border:1px solid #ddd}`;

function escapeHtml(value: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return value.replace(/[&<>"']/g, (ch) => entities[ch]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function attachmentNames(mail: CapturedMail): string {
  return mail.attachments.map((a) => a.filename ?? a.contentType).join(', ');
}

function webApp(mails: () => CapturedMail[]): express.Express {
  const app = express();
  const find = (id: string): CapturedMail | undefined => mails().find((m) => m.id === id);

  app.get('/', (_req, res) => {
    const rows = [...mails()].reverse().map((m) =>
      `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.envelopeTo.join(', '))}</td>` +
        `<td><a href="/mails/${escapeHtml(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td>` +
        `<td>${escapeHtml(attachmentNames(m))}</td></tr>`,
    );
    const table = rows.length
      ? `<table><tr><th>Received</th><th>To</th><th>Subject</th><th>Attachments</th></tr>${rows.join('')}</table>`
      : '<p class="muted">No mail yet.</p>';
    res.type('html').send(page('Mail catcher', `<h1>Mail catcher</h1>${table}`));
  });

  app.get('/api/mails', (_req, res) => {
    res.json(mails().map(({ raw: _raw, attachments, ...rest }) => ({
      ...rest,
      attachments: attachments.map(({ content: _content, ...meta }) => meta),
    })));
  });

  // Registered before /mails/:id, which would otherwise match "000001.eml" too.
  app.get('/mails/:id.eml', (req, res) => {
    const mail = find(req.params.id);
    if (!mail) return void res.status(404).type('text').send('no such mail');
    res.type('text/plain; charset=utf-8').send(mail.raw);
  });

  app.get('/mails/:id', (req, res) => {
    const mail = find(req.params.id);
    if (!mail) return void res.status(404).type('html').send(page('Not found', '<p>No such mail.</p>'));
    const headerRows = Object.entries(mail.headers)
      .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(decodeWords(value))}</td></tr>`)
      .join('');
    const body = mail.text !== undefined
      ? `<pre>${escapeHtml(mail.text)}</pre>`
      : mail.html !== undefined
        ? `<iframe sandbox srcdoc="${escapeHtml(mail.html)}"></iframe>`
        : '<p class="muted">No text body.</p>';
    const files = mail.attachments.length
      ? `<h2>Attachments</h2><ul>${mail.attachments.map((a) => `<li>${escapeHtml(a.filename ?? '(unnamed)')} <span class="muted">${escapeHtml(a.contentType)}, ${a.size} bytes</span></li>`).join('')}</ul>`
      : '';
    res.type('html').send(page(mail.subject, `<p><a href="/">&larr; all mail</a> · <a href="/mails/${escapeHtml(mail.id)}.eml">raw</a></p>` +
      `<h1>${escapeHtml(mail.subject || '(no subject)')}</h1>` +
      `<table><tr><th>envelope from</th><td>${escapeHtml(mail.envelopeFrom)}</td></tr>` +
      `<tr><th>envelope to</th><td>${escapeHtml(mail.envelopeTo.join(', '))}</td></tr>${headerRows}</table>${body}${files}`));
  });

  return app;
}
