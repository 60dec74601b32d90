import { count } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { user } from '@/db/schema';
import { hasOpenInvitation } from '@/lib/teams/invitations';

export const signUpPolicies = ['open', 'invite-only', 'closed'] as const;
export type SignUpPolicy = (typeof signUpPolicies)[number];

/**
 * `BILLSTACK_SIGNUP`. Production defaults to invite-only: a billing back office is not a public sign-up page,
 * and invite-only still lets the very first account in, so a fresh install needs no extra step.
 */
export function signUpPolicy(): SignUpPolicy {
  const configured = process.env.BILLSTACK_SIGNUP;
  if (configured === undefined || configured === '') return process.env.NODE_ENV === 'production' ? 'invite-only' : 'open';
  const policy = signUpPolicies.find((candidate) => candidate === configured);
  if (!policy) throw new Error(`BILLSTACK_SIGNUP must be one of ${signUpPolicies.join(', ')} (got "${configured}")`);
  return policy;
}

/** Why this address may not create an account now, or null when it may. */
export async function signUpRefusal(db: Executor, email: string): Promise<string | null> {
  const policy = signUpPolicy();
  if (policy === 'open') return null;
  if (policy === 'closed') return 'Sign-up is closed on this BillStack';
  if (await hasOpenInvitation(db, email)) return null;
  const [{ accounts }] = await db.select({ accounts: count() }).from(user);
  return accounts === 0 ? null : 'Sign-up on this BillStack is by invitation only';
}
