import type { Metadata } from 'next';
import Link from 'next/link';
import { nextPath } from '../next-path';
import { SignUpForm } from './sign-up-form';

export const metadata: Metadata = { title: 'Create an account' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const next = nextPath((await searchParams).next);
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight">Create your account</h1>
      <p className="mt-1 text-sm text-slate-500">Start billing with your own Stripe account.</p>
      <SignUpForm next={next} />
      <p className="mt-6 text-center text-sm text-slate-500">
        Already have an account?{' '}
        <Link href={next === '/teams' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} className="font-medium text-brand-600 hover:text-brand-700">
          Sign in
        </Link>
      </p>
    </>
  );
}
