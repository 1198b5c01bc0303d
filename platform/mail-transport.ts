import nodemailer, { Transporter } from 'nodemailer';

export function createMailTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}
