import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { startMailCatcher, type MailCatcher } from '../../platform/mail-catcher';

const ICS =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:整改复查\r\n' +
  'DTSTART:20260301T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

async function send(catcher: MailCatcher, mail: SendMailOptions): Promise<void> {
  const transport = nodemailer.createTransport(catcher.smtpUrl);
  try {
    await transport.sendMail({ from: 'carepact@example.org', ...mail });
  } finally {
    transport.close();
  }
}

describe('mail catcher over SMTP', () => {
  let catcher: MailCatcher;
  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0 });
  });
  afterAll(() => catcher.stop());
  beforeEach(() => catcher.clear());

  it('decodes Chinese subject and bodies in quoted-printable and base64', async () => {
    // A catcher of its own: clear() keeps numbering, so the shared one's ids depend on the tests before.
    const catcher = await startMailCatcher({ smtpPort: 0 });
    try {
      const subject = '合同整改通知：请于三日内提交整改报告并抄送医疗机构与养老机构负责人（第2号）';
      const text = '您好，\n请查收整改通知。\n——CarePact';
      const html = '<p>您好，<b>请查收</b>整改通知。</p>';
      for (const textEncoding of ['quoted-printable', 'base64'] as const) {
        await send(catcher, { to: 'org@example.org', subject, text, html, textEncoding });
      }
      const mails = catcher.mails();
      expect(mails).toHaveLength(2);
      for (const mail of mails) {
        expect(mail.subject).toBe(subject);
        expect(mail.text).toBe(text);
        expect(mail.html).toBe(html);
        expect(mail.attachments).toEqual([]);
        expect(mail.messageId).toMatch(/^<.+@example\.org>$/);
        expect(mail.raw).toContain('Subject: =?UTF-8?');
        expect(mail.headers['subject']).toMatch(/^=\?UTF-8\?[BQ]\?\S+\?= =\?UTF-8\?/);
      }
      expect(mails.map((m) => m.id)).toEqual(['000001', '000002']);
    } finally {
      await catcher.stop();
    }
  });

  it('records the full envelope, lower-cased, including bcc, and accepts any auth', async () => {
    const transport = nodemailer.createTransport({ url: catcher.smtpUrl, auth: { user: 'anyone', pass: 'anything' } });
    await transport.sendMail({
      from: 'Sender@Example.org',
      to: ['Alice@Example.org', 'bob@example.org'],
      cc: 'Carol@Example.org',
      bcc: 'dave@example.org',
      subject: 'multi',
      text: 'x',
    });
    transport.close();
    const [mail] = catcher.mails();
    expect(mail!.envelopeFrom).toBe('Sender@example.org');
    expect(mail!.envelopeTo).toEqual(['alice@example.org', 'bob@example.org', 'carol@example.org', 'dave@example.org']);
    expect(mail!.headers['bcc']).toBeUndefined();
    expect(mail!.headers['cc']).toBe('Carol@example.org');
  });

  it('extracts an .ics attachment with an RFC 2231 filename', async () => {
    const filename = '整改复查会议——医疗机构与养老机构联合评审.ics';
    await send(catcher, {
      to: 'org@example.org',
      subject: 'invite',
      text: 'see attached',
      attachments: [
        { filename, content: ICS, contentType: 'text/calendar; charset=utf-8; method=REQUEST' },
        { filename: 'plain.ics', content: Buffer.from(ICS), contentType: 'text/calendar' },
      ],
    });
    const [mail] = catcher.mails();
    expect(mail!.raw).toContain("filename*0*=utf-8''");
    expect(mail!.text).toBe('see attached');
    expect(mail!.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      [filename, 'text/calendar', Buffer.byteLength(ICS)],
      ['plain.ics', 'text/calendar', Buffer.byteLength(ICS)],
    ]);
    expect(mail!.attachments[0]!.content.toString('utf8')).toBe(ICS);
  });

  it('waitFor resolves once count matching mails exist and times out listing what arrived', async () => {
    const waiting = catcher.waitFor((m) => m.envelopeTo.includes('x@example.org'), { count: 2, timeoutMs: 5000 });
    await send(catcher, { to: 'x@example.org', subject: 'one', text: '1' });
    await send(catcher, { to: 'y@example.org', subject: 'other', text: '2' });
    await send(catcher, { to: 'x@example.org', subject: 'two', text: '3' });
    expect((await waiting).map((m) => m.subject)).toEqual(['one', 'two']);

    const error = await catcher.waitFor((m) => m.subject === 'never', { timeoutMs: 100 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/timed out after 100 ms: wanted 1 matching mail\(s\), 0 matched/);
    expect((error as Error).message).toContain('Arrived (3)');
    expect((error as Error).message).toMatch(/#\d{6} to y@example\.org: "other"\n  #\d{6} to x@example\.org: "two"$/);
  });
});

describe('mail catcher storage', () => {
  it('writes each mail to storeDir, numbers on after a restart, and stop rejects pending waits', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'carepact-mail-'));
    try {
      const first = await startMailCatcher({ storeDir: dir });
      await send(first, { to: 'Keep@Example.org', subject: '保存的邮件', text: '正文' });
      const pending = first.waitFor(() => false);
      await first.stop();
      await expect(pending).rejects.toThrow('mail catcher stopped');
      expect(await readdir(dir)).toEqual(['000001.eml']);
      expect(await readFile(path.join(dir, '000001.eml'), 'utf8')).toBe(first.mails()[0]!.raw);

      const second = await startMailCatcher({ storeDir: dir });
      try {
        expect(second.mails()).toEqual([]);
        await send(second, { to: 'next@example.org', subject: 'next', text: 'n' });
        expect(second.mails().map((m) => m.id)).toEqual(['000002']);
        second.clear();
        expect(second.mails()).toEqual([]);
        expect((await readdir(dir)).sort()).toEqual(['000001.eml', '000002.eml']);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
