import type { Metadata } from 'next';
import { Card } from '@/components/card';
import { formatDate } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { requireProject } from '../../../../access';

export const dynamic = 'force-dynamic';

type Params = Promise<{ teamId: string; projectId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { teamId, projectId } = await params;
  return { title: (await requireProject(teamId, projectId)).name };
}

export default async function ProjectOverviewPage({ params }: { params: Params }) {
  const { teamId, projectId } = await params;
  const project = await requireProject(teamId, projectId);
  return (
    <>
      <PageHeader title={project.name} description="Project overview" />
      <Card title="Details">
        <dl className="grid grid-cols-1 gap-4 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">Project ID</dt>
          <dd className="font-mono text-slate-900">{project.id}</dd>
          <dt className="text-slate-500">Team ID</dt>
          <dd className="font-mono text-slate-900">{project.teamId}</dd>
          <dt className="text-slate-500">Created</dt>
          <dd className="text-slate-900">{formatDate(project.createdAt)}</dd>
        </dl>
      </Card>
      <div className="mt-6">
        <Card title="Billing data" description="Customers, products and subscriptions are in the side navigation.">
          <p className="text-sm text-slate-500">They sync through the team&apos;s Stripe connection, set up on the team&apos;s Stripe page.</p>
        </Card>
      </div>
    </>
  );
}
