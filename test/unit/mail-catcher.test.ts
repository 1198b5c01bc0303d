import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { startMailCatcher, type MailCatcher } from '../../platform/mail-catcher';
import { parseMessage } from '../../platform/mime';

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:整改复查\r\nDTSTART:20260301T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

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
    }
    expect(mails.map((m) => m.id)).toEqual(['000001', '000002']);
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

describe('mail catcher storage and web view', () => {
  it('persists mail in storeDir across stop and start, and stop rejects pending waits', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'carepact-mail-'));
    try {
      const first = await startMailCatcher({ storeDir: dir });
      await send(first, { to: 'Keep@Example.org', subject: '保存的邮件', text: '正文' });
      const pending = first.waitFor(() => false);
      await first.stop();
      await expect(pending).rejects.toThrow('mail catcher stopped');
      expect((await readdir(dir)).sort()).toEqual(['000001.eml', '000001.json']);

      const second = await startMailCatcher({ storeDir: dir });
      try {
        const [kept] = second.mails();
        expect(kept).toMatchObject({ id: '000001', subject: '保存的邮件', text: '正文', envelopeTo: ['keep@example.org'] });
        await send(second, { to: 'next@example.org', subject: 'next', text: 'n' });
        expect(second.mails().map((m) => m.id)).toEqual(['000001', '000002']);
        second.clear();
        expect(await readdir(dir)).toEqual([]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves JSON and escaped HTML', async () => {
    const catcher = await startMailCatcher({ webPort: 0 });
    try {
      await send(catcher, { to: 'web@example.org', subject: '<script>alert("x")</script> 通知', text: 'a < b', attachments: [{ filename: 'a.ics', content: ICS }] });
      const api = (await (await fetch(`${catcher.webUrl}/api/mails`)).json()) as Record<string, unknown>[];
      expect(api).toHaveLength(1);
      expect(api[0]).toMatchObject({ id: '000001', subject: '<script>alert("x")</script> 通知', envelopeTo: ['web@example.org'] });
      expect(api[0]).not.toHaveProperty('raw');
      expect(api[0]!['attachments']).toEqual([{ filename: 'a.ics', contentType: 'text/calendar', size: Buffer.byteLength(ICS) }]);

      for (const url of ['/', '/mails/000001']) {
        const response = await fetch(`${catcher.webUrl}${url}`);
        const html = await response.text();
        expect(response.headers.get('content-type')).toMatch(/text\/html; charset=utf-8/);
        expect(html).toContain('<meta charset="utf-8">');
        expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 通知');
        expect(html).not.toContain('<script>');
      }
      expect(await (await fetch(`${catcher.webUrl}/mails/000001`)).text()).toContain('a &lt; b');
      expect(await (await fetch(`${catcher.webUrl}/mails/000001.eml`)).text()).toBe(catcher.mails()[0]!.raw);
      expect((await fetch(`${catcher.webUrl}/mails/999999`)).status).toBe(404);
    } finally {
      await catcher.stop();
    }
  });
});

describe('mime parser edge cases', () => {
  const parse = (lines: string[]) => parseMessage(Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'));

  it('joins encoded-words that split a multi-byte character and keeps plain text between words', () => {
    const bytes = Buffer.from('中文', 'utf8');
    const a = bytes.subarray(0, 2).toString('base64');
    const b = bytes.subarray(2).toString('base64');
    const mail = parse([`Subject: Re: =?utf-8?B?${a}?=\r\n =?UTF-8?B?${b}?= =?iso-8859-1?Q?caf=E9_ok?= end`, '', 'body']);
    expect(mail.subject).toBe('Re: 中文café ok end');
    expect(mail.text).toBe('body');
  });

  it('handles quoted-printable soft breaks, RFC 2231 continuations and quoted parameters', () => {
    const mail = parse([
      'Content-Type: multipart/mixed; boundary="b;1"',
      '',
      'preamble',
      '--b;1',
      'Content-Type: text/plain; charset="utf-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'caf=C3=A9 =',
      'au lait   ',
      '--b;1',
      'Content-Type: application/octet-stream',
      "Content-Disposition: attachment; filename*0*=utf-8''%E6%8A%A5; filename*1=\"-final\"; filename*2*=%E5%91%8A.txt",
      '',
      'raw',
      '--b;1--',
      'epilogue',
    ]);
    expect(mail.text).toBe('café au lait');
    expect(mail.attachments).toEqual([
      { filename: '报-final告.txt', contentType: 'application/octet-stream', size: 3, content: Buffer.from('raw') },
    ]);
  });
});
