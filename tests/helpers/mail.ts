import fs from 'node:fs';
import { outboxPath } from '@/lib/mail';

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  links: string[];
  sentAt: string;
}

/**
 * The mails of the dev/test outbox, oldest first; every test file shares it, so filter by recipient. Browser tests
 * pass the outbox of their server's data folder.
 */
export function readOutbox(to?: string, file = outboxPath()): OutboxMail[] {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  // Other test files append concurrently: what follows the last newline may be a line still being written.
  lines.pop();
  const mails = lines.filter(Boolean).map((line) => JSON.parse(line) as OutboxMail);
  return to === undefined ? mails : mails.filter((mail) => mail.to === to);
}

/** The first link of the latest mail to an address whose link matches `pattern`. */
export function latestLink(to: string, pattern: RegExp, file = outboxPath()): string {
  const link = readOutbox(to, file)
    .flatMap((mail) => mail.links)
    .filter((candidate) => pattern.test(candidate))
    .at(-1);
  if (!link) throw new Error(`no mail to ${to} with a link matching ${pattern}`);
  return link;
}
