import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { dataDir } from '@/lib/config/data-dir';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Absolute URLs the mail asks the reader to open, most important first. */
  links: string[];
}

const holder = globalThis as typeof globalThis & { __billstackSmtp?: Transporter };

function smtp(url: string): Transporter {
  holder.__billstackSmtp ??= nodemailer.createTransport(url);
  return holder.__billstackSmtp;
}

export function outboxPath(): string {
  return path.join(dataDir(), 'outbox.jsonl');
}

/**
 * Sends through SMTP when `SMTP_URL` is set. Without it (development, tests) the mail is appended to the
 * outbox file, one JSON line each, and printed, so a developer can open its links without a mail server.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const url = process.env.SMTP_URL;
  if (url) {
    await smtp(url).sendMail({
      from: process.env.MAIL_FROM ?? 'BillStack <no-reply@billstack.local>',
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return;
  }
  const line = JSON.stringify({ ...mail, sentAt: new Date().toISOString() });
  await fs.appendFile(outboxPath(), `${line}\n`);
  // Tests read the outbox file; printing every sign-up's mail would bury their output.
  if (process.env.NODE_ENV !== 'test') console.info(`[mail] to ${mail.to}: ${mail.subject}\n${mail.text}`);
}
