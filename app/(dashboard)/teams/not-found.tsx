import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { buttonClasses } from '@/components/button';
import { requireUser } from '../access';
import { SignOutButton } from '../sign-out-button';

/** A team or project that does not exist for this user; the team's own header could not be drawn, so the app's is. */
export default async function TeamNotFound() {
  const user = await requireUser();
  return (
    <>
      <AppHeader email={user.email} userActions={<SignOutButton />} />
      <main className="mx-auto flex max-w-xl flex-col items-center px-4 py-20 text-center sm:px-6">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Not found</h1>
        <p className="mt-2 text-sm text-slate-600">This team or project does not exist, or you are not a member of it.</p>
        <Link href="/teams" className={buttonClasses('primary', 'mt-6')}>
          Back to your teams
        </Link>
      </main>
    </>
  );
}
