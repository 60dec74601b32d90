import type { ReactNode } from 'react';
import { VerifyEmailBanner } from '@/components/verify-email-banner';
import { requireUser } from './access';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      {user.emailVerified ? null : <VerifyEmailBanner email={user.email} />}
      {children}
    </div>
  );
}
