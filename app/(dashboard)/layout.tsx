import type { ReactNode } from 'react';
import { requireUser } from './access';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return <div className="min-h-screen">{children}</div>;
}
