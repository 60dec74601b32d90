import Link from 'next/link';
import type { ReactNode } from 'react';
import { SideNav } from '@/components/side-nav';
import { requireProject } from '../../../../access';

export const dynamic = 'force-dynamic';

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ teamId: string; projectId: string }>;
}) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  const base = `/teams/${project.teamId}/projects/${project.id}`;
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6 md:flex-row">
      <aside className="md:w-52 md:shrink-0">
        <Link href={`/teams/${project.teamId}`} className="text-xs font-medium text-slate-500 hover:text-slate-900">
          ← All projects
        </Link>
        <p className="mt-3 mb-2 truncate px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">{project.name}</p>
        <SideNav
          label="Project"
          items={[
            { href: base, label: 'Overview', exact: true },
            { href: `${base}/analytics`, label: 'Analytics' },
            { href: `${base}/customers`, label: 'Customers' },
            { href: `${base}/products`, label: 'Products & prices' },
            { href: `${base}/subscriptions`, label: 'Subscriptions' },
            { href: `${base}/invoices`, label: 'Invoices' },
            { href: `${base}/referrals`, label: 'Referrals' },
            { href: `${base}/webhooks`, label: 'Webhooks' },
          ]}
        />
      </aside>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
