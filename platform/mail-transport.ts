import nodemailer, { Transporter } from 'nodemailer';

/** Pooled: a reminder run can send dozens of mails, and a new SMTP connection per mail costs a handshake each. */
export function createMailTransport(smtpUrl: string): Transporter {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return nodemailer.createTransport(url.toString());
}
