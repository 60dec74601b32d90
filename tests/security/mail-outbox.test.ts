/**
 * Finding 2: no mail left BillStack, so no address could be proven. Without SMTP_URL every mail is now one JSON
 * line of `$BILLSTACK_DATA_DIR/outbox.jsonl`; sign-up mails a verification link (first in `links`, absolute) whose
 * opening marks the address verified. Before the fix there was no outbox and no verification: these tests fail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getAuth } from '@/lib/auth/auth';
import { outboxPath } from '@/lib/mail';
import { signUp, verifyEmail } from '../helpers/fixtures';
import { readOutbox } from '../helpers/mail';

async function verifiedFlag(headers: Record<string, string>) {
  const auth = await getAuth();
  return (await auth.api.getSession({ headers: new Headers(headers) }))?.user.emailVerified;
}

// The database's first use (its migrations) is slow on a loaded machine: it belongs to the setup's time budget.
beforeAll(async () => {
  await getAuth();
});

describe('the dev/test outbox', () => {
  it('lives in the data folder', () => {
    expect(outboxPath()).toBe(`${process.env.BILLSTACK_DATA_DIR}/outbox.jsonl`);
  });

  it('receives one verification mail per sign-up, its link first and absolute', async () => {
    const user = await signUp();

    const mails = readOutbox(user.email);

    expect(mails).toEqual([
      {
        to: user.email,
        subject: 'Verify your email address for BillStack',
        text: expect.stringContaining(mails[0].links[0]),
        links: [expect.stringMatching(/^http:\/\/localhost:3000\/api\/auth\/verify-email\?token=[\w.-]+&callbackURL=%2F$/)],
        sentAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      },
    ]);
  });

  it('signs the new account in unverified; opening the link verifies it', async () => {
    const user = await signUp();
    expect(await verifiedFlag(user.headers)).toBe(false);

    await verifyEmail(user);

    expect(await verifiedFlag(user.headers)).toBe(true);
  });
});
