import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { buttonClasses } from '@/components/button';
import { sessionUser } from '@/lib/auth/auth';
import { SignOutButton } from './(dashboard)/sign-out-button';

export const metadata: Metadata = { title: 'Page not found' };

/** Any unknown address: the app's header (for whoever is signed in) and a way back. */
export default async function NotFound() {
  const user = await sessionUser(await headers());
  return (
    <>
      {user ? (
        <AppHeader email={user.email} userActions={<SignOutButton />} />
      ) : (
        <AppHeader
          userActions={
            <Link href="/sign-in" className={buttonClasses('secondary')}>
              Sign in
            </Link>
          }
        />
      )}
      <main className="mx-auto flex max-w-xl flex-col items-center px-4 py-20 text-center sm:px-6">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <Link href={user ? '/teams' : '/'} className={buttonClasses('primary', 'mt-6')}>
          {user ? 'Back to your teams' : 'Back to the home page'}
        </Link>
      </main>
    </>
  );
}
