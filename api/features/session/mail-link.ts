import { createMailer } from '../../../activities/mail-activities';
import { passwordTemplates, PasswordMailTemplate } from '../../../activities/password-mail-templates';
import { enqueueMail } from '../../../stores/outbox-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';

/** "2026-12-02 18:30 (Beijing time)": when a link stops working, on the clock its readers use. */
function shanghaiMinute(at: Date, locale: User['locale']): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
  return locale === 'en' ? `${text} (Beijing time)` : `${text}（北京时间）`;
}

/**
 * Mails a password link through the outbox, as the worker's mails go, keyed by the link so a
 * retry never sends it twice. Without a mail relay the mail stays pending in the outbox.
 */
export function createLinkMailer(deps: ApiDeps, mailFrom: string) {
  const mailer = deps.mailTransport
    ? createMailer({ db: deps.db, transport: deps.mailTransport, mailFrom, logger: deps.logger })
    : undefined;
  return async (template: PasswordMailTemplate, user: User, link: { id: string; url: string; expiresAt: Date }) => {
    const rendered = passwordTemplates[template][user.locale]({
      recipientName: user.name,
      link: link.url,
      expiresAt: shanghaiMinute(link.expiresAt, user.locale),
    });
    const mail = {
      idempotencyKey: `password-link:${link.id}`,
      to: user.email,
      locale: user.locale,
      template,
      ...rendered,
    };
    if (mailer) return void (await mailer.deliver(mail));
    deps.logger.warn({ template }, 'no mail relay configured: the mail stays in the outbox');
    await enqueueMail(deps.db, {
      idempotencyKey: mail.idempotencyKey,
      toAddress: mail.to,
      locale: mail.locale,
      template,
      subject: rendered.subject,
      bodyText: rendered.text,
      attachments: [],
    });
  };
}
