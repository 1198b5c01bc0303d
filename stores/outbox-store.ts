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

export interface NoticeDelivery {
  /** Mails of the notice, one per recipient. */
  recipients: number;
  /** Still waiting for the SMTP server. */
  pending: number;
  /** When the last recipient's mail was sent: a deadline the notice starts runs from here. */
  lastSentAt?: string;
}

/** The delivery of every mail of one notice (outbox keys `<eventKey>:<recipient id>`). */
export async function noticeDeliveryOf(db: DbOrTx, eventKey: string): Promise<NoticeDelivery> {
  const escaped = eventKey.replace(/[\\%_]/g, (c) => `\\${c}`);
  const row = await db(OUTBOX_TABLE)
    .whereLike('idempotency_key', `${escaped}:%`)
    .select(
      db.raw('count(*)::int AS recipients'),
      db.raw(`count(*) FILTER (WHERE status = 'pending')::int AS pending`),
      db.raw('max(sent_at) AS last_sent_at'),
    )
    .first();
  return {
    recipients: row?.recipients ?? 0,
    pending: row?.pending ?? 0,
    ...(row?.last_sent_at ? { lastSentAt: new Date(row.last_sent_at).toISOString() } : {}),
  };
}
