import fs from 'node:fs';
import { outboxPath } from '@/lib/mail';

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  links: string[];
  sentAt: string;
}

/** The mails of the dev/test outbox, oldest first; every test file shares it, so filter by recipient. */
export function readOutbox(to?: string): OutboxMail[] {
  const file = outboxPath();
  if (!fs.existsSync(file)) return [];
  const mails = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxMail);
  return to === undefined ? mails : mails.filter((mail) => mail.to === to);
}

/** The first link of the latest mail to an address whose link matches `pattern`. */
export function latestLink(to: string, pattern: RegExp): string {
  const link = readOutbox(to)
    .flatMap((mail) => mail.links)
    .filter((candidate) => pattern.test(candidate))
    .at(-1);
  if (!link) throw new Error(`no mail to ${to} with a link matching ${pattern}`);
  return link;
}
