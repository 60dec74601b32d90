import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { buttonClasses } from '@/components/button';
import { Logo } from '@/components/logo';
import { Notice } from '@/components/notice';
import { ResendVerification } from '@/components/resend-verification';
import { sessionUser } from '@/lib/auth/auth';
import { AcceptInvitation } from './accept-invitation';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Team invitation' };

type Props = { params: Promise<{ token: string }> };

// Outside the dashboard and auth layouts: the mailed link must work signed out (prompting to sign in or up, then
// coming back here) as well as signed in.
export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const user = await sessionUser(await headers());
  const here = `/invitations/${encodeURIComponent(token)}`;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8">
        <Logo />
      </div>
      <div className="flex w-full max-w-md flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-xl font-semibold tracking-tight">Join a team on BillStack</h1>
        {!user ? (
          <>
            <p className="text-sm text-slate-600">
              You have been invited to a team. Sign in, or create an account with the address this invitation was sent to, to accept it.
            </p>
            <div className="flex flex-col gap-2 sm:flex-row">
              <Link href={`/sign-in?next=${encodeURIComponent(here)}`} className={buttonClasses('primary', 'flex-1')}>
                Sign in
              </Link>
              <Link href={`/sign-up?next=${encodeURIComponent(here)}`} className={buttonClasses('secondary', 'flex-1')}>
                Create an account
              </Link>
            </div>
          </>
        ) : user.emailVerified ? (
          <>
            <p className="text-sm text-slate-600">
              Signed in as <span className="font-medium text-slate-900">{user.email}</span>. Accept to join the team.
            </p>
            <AcceptInvitation token={token} />
          </>
        ) : (
          <>
            <Notice>
              Signed in as {user.email}, not verified yet. Open the verification link we mailed to this address, then accept the invitation
              here.
            </Notice>
            <ResendVerification email={user.email} callbackURL={here} />
          </>
        )}
      </div>
    </main>
  );
}
