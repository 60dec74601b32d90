import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { sessionUser } from '@/lib/auth/auth';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const user = await sessionUser(await headers());
  redirect(user ? '/teams' : '/sign-in');
}
