import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { getDb, type Database } from '@/db/client';
import { account, session, user, verification } from '@/db/schema';
import { serverSecret } from '@/lib/config/secrets';
import { sendMail } from '@/lib/mail';
import { signUpRefusal } from './sign-up-policy';

function createAuth(db: Database) {
  return betterAuth({
    database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
    secret: serverSecret('authSecret'),
    baseURL: process.env.BETTER_AUTH_URL ?? process.env.BILLSTACK_URL,
    emailAndPassword: { enabled: true, minPasswordLength: 12, maxPasswordLength: 128 },
    // Sign-up signs the user in unverified: enough to run their own teams. Joining someone else's team needs the
    // address proven through this mail (lib/teams/invitations.ts checks `emailVerified`).
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: async ({ user: recipient, url }) => {
        await sendMail({
          to: recipient.email,
          subject: 'Verify your email address for BillStack',
          text: `Open this link to verify ${recipient.email} for BillStack: ${url}\n\nIf you did not sign up, ignore this mail.\n`,
          links: [url],
        });
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-up/email') return;
        const refusal = await signUpRefusal(db, String(ctx.body?.email ?? ''));
        if (refusal) throw new APIError('FORBIDDEN', { message: refusal });
      }),
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { __billstackAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  holder.__billstackAuth ??= getDb().then(createAuth);
  return holder.__billstackAuth;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

/** The signed-in user of a request, or null. */
export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const { id, email, name, emailVerified } = found.user;
  return { id, email, name, emailVerified };
}
