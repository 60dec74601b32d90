import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { getDb, type Database } from '@/db/client';
import { account, session, user, verification } from '@/db/schema';
import { serverSecret } from '@/lib/config/secrets';
import { acceptInvitations } from '@/lib/teams/service';

function createAuth(db: Database) {
  return betterAuth({
    database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
    secret: serverSecret('authSecret'),
    baseURL: process.env.BETTER_AUTH_URL ?? process.env.BILLSTACK_URL,
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128 },
    databaseHooks: {
      user: {
        create: {
          // An invitation recorded before the person had an account becomes a membership on sign-up.
          after: async (created) => {
            await acceptInvitations(db, { userId: created.id, email: created.email });
          },
        },
      },
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
}

/** The signed-in user of a request, or null. */
export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  return { id: found.user.id, email: found.user.email, name: found.user.name };
}
