import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/card';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { WebhookHealthBanner } from '@/components/webhook-health-banner';
import { getDb } from '@/db/client';
import { listProjects } from '@/lib/projects/service';
import { webhookHealth } from '@/lib/webhooks/log';
import { canManage, requireMembership } from '../../access';
import { CreateProjectForm } from './create-project-form';
import { ProjectActions } from './project-actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ teamId: string }> }): Promise<Metadata> {
  const membership = await requireMembership((await params).teamId);
  return { title: membership.team.name };
}

export default async function TeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const membership = await requireMembership((await params).teamId);
  const team = membership.team;
  const db = await getDb();
  const [{ projects, total }, health] = await Promise.all([listProjects(db, { teamId: team.id, limit: 100, offset: 0 }), webhookHealth(db, team.id)]);
  const manager = canManage(membership.role);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <PageHeader title={team.name} description={<>Projects of this team · <span className="font-mono">{team.id}</span></>} />
      <WebhookHealthBanner teamId={team.id} health={health} canOpenLog={manager} />
      <div className="flex flex-col gap-6">
        <section aria-labelledby="projects-heading">
          <h2 id="projects-heading" className="mb-3 text-base font-semibold text-slate-900">
            Projects
          </h2>
          {projects.length === 0 ? (
            <EmptyState title="No projects yet">
              {manager ? 'Create one below: each project has its own customers and subscriptions.' : 'An owner or admin can create one.'}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
              {projects.map((project) => (
                <li key={project.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                  <div className="min-w-0">
                    <Link
                      href={`/teams/${team.id}/projects/${project.id}`}
                      className="font-medium text-slate-900 hover:text-brand-700"
                    >
                      {project.name}
                    </Link>
                    <p className="text-xs text-slate-500">
                      <span className="font-mono">{project.id}</span> · created {formatDate(project.createdAt)}
                    </p>
                  </div>
                  {manager ? <ProjectActions teamId={team.id} project={{ id: project.id, name: project.name }} /> : null}
                </li>
              ))}
            </ul>
          )}
          {total > projects.length ? (
            <p className="mt-2 text-xs text-slate-500">
              Showing {projects.length} of {total} projects.
            </p>
          ) : null}
        </section>
        {manager ? (
          <Card title="Create a project" description="A project is one product line you bill for, e.g. an app or a website.">
            <CreateProjectForm teamId={team.id} />
          </Card>
        ) : null}
      </div>
    </main>
  );
}
