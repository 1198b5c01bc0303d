import type { DbOrTx } from '../platform/db';

export const OUTBOX_TABLE = 'mail_outbox';

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutboxMail {
  idempotencyKey: string;
  toAddress: string;
  locale: string;
  template: string;
  subject: string;
  bodyText: string;
  attachments: OutboxAttachment[];
  status: 'pending' | 'sent';
  attempts: number;
  sentAt?: string;
}

function mapRow(row: Record<string, any>): OutboxMail {
  return {
    idempotencyKey: row.idempotency_key,
    toAddress: row.to_address,
    locale: row.locale,
    template: row.template,
    subject: row.subject,
    bodyText: row.body_text,
    attachments: row.attachments,
    status: row.status,
    attempts: row.attempts,
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : undefined,
  };
}

/** First writer wins: a retried enqueue with the same key keeps the original mail. */
export async function enqueueMail(db: DbOrTx, mail: Omit<OutboxMail, 'status' | 'attempts' | 'sentAt'>): Promise<void> {
  await db(OUTBOX_TABLE)
    .insert({
      idempotency_key: mail.idempotencyKey,
      to_address: mail.toAddress,
      locale: mail.locale,
      template: mail.template,
      subject: mail.subject,
      body_text: mail.bodyText,
      attachments: JSON.stringify(mail.attachments),
    })
    .onConflict('idempotency_key')
    .ignore();
}

/** Locks the row for the caller's transaction, so two retries never send the same mail at once. */
export async function lockMail(tx: DbOrTx, key: string): Promise<OutboxMail | undefined> {
  const row = await tx(OUTBOX_TABLE).where({ idempotency_key: key }).forUpdate().first();
  return row ? mapRow(row) : undefined;
}

export async function markMailSent(tx: DbOrTx, key: string, messageId: string): Promise<void> {
  await tx(OUTBOX_TABLE)
    .where({ idempotency_key: key })
    .update({ status: 'sent', sent_at: tx.fn.now(), message_id: messageId, attempts: tx.raw('attempts + 1') });
}

export async function markMailFailed(db: DbOrTx, key: string, error: string): Promise<void> {
  await db(OUTBOX_TABLE)
    .where({ idempotency_key: key })
    .update({ last_error: error.slice(0, 2000), attempts: db.raw('attempts + 1') });
}
