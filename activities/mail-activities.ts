import type { Transporter } from 'nodemailer';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { enqueueMail, lockMail, markMailFailed, markMailSent, OutboxAttachment } from '../stores/outbox-store';

export interface MailDeps {
  db: Db;
  transport: Transporter;
  mailFrom: string;
  logger: Logger;
}

export interface MailToSend {
  idempotencyKey: string;
  to: string;
  locale: string;
  template: string;
  subject: string;
  text: string;
  attachments?: OutboxAttachment[];
}

/**
 * Outbox delivery: the mail is recorded under its idempotency key, then sent while its row is
 * locked and marked sent in the same transaction, so a retry of a delivered mail sends nothing.
 * (Only a crash between the SMTP reply and the commit can repeat a mail; its Message-ID is the
 * key, so a receiving system can still tell the copies apart.)
 */
export function createMailer(deps: MailDeps) {
  async function deliver(mail: MailToSend): Promise<'sent' | 'already-sent'> {
    await enqueueMail(deps.db, {
      idempotencyKey: mail.idempotencyKey,
      toAddress: mail.to,
      locale: mail.locale,
      template: mail.template,
      subject: mail.subject,
      bodyText: mail.text,
      attachments: mail.attachments ?? [],
    });
    try {
      return await deps.db.transaction(async (tx) => {
        const row = await lockMail(tx, mail.idempotencyKey);
        if (!row || row.status === 'sent') return 'already-sent' as const;
        const messageId = `<${mail.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '.')}@carepact>`;
        await deps.transport.sendMail({
          from: deps.mailFrom,
          to: row.toAddress,
          subject: row.subject,
          text: row.bodyText,
          messageId,
          headers: { 'X-CarePact-Template': row.template, 'Content-Language': row.locale },
          attachments: row.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
        await markMailSent(tx, mail.idempotencyKey, messageId);
        return 'sent' as const;
      });
    } catch (error) {
      await markMailFailed(deps.db, mail.idempotencyKey, (error as Error).message);
      throw error;
    }
  }
  return { deliver };
}

export type Mailer = ReturnType<typeof createMailer>;
