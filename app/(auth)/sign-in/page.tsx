import type { Metadata } from 'next';
import Link from 'next/link';
import { nextPath } from '../next-path';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const next = nextPath((await searchParams).next);
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight">Sign in to BillStack</h1>
      <p className="mt-1 text-sm text-slate-500">Welcome back.</p>
      <SignInForm next={next} />
      <p className="mt-6 text-center text-sm text-slate-500">
        No account yet?{' '}
        <Link href={next === '/teams' ? '/sign-up' : `/sign-up?next=${encodeURIComponent(next)}`} className="font-medium text-brand-600 hover:text-brand-700">
          Create an account
        </Link>
      </p>
    </>
  );
}
