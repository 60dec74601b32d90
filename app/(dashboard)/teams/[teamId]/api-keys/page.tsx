import type { Metadata } from 'next';
import { Card } from '@/components/card';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { getDb } from '@/db/client';
import { listApiKeys } from '@/lib/api-keys/service';
import { scopes } from '@/lib/auth/scopes';
import { listProjects } from '@/lib/projects/service';
import { canManage, requireMembership } from '../../../access';
import { pageFrom } from '../../../paging';
import { CreateApiKeyForm } from './create-api-key-form';
import { RevokeApiKeyButton } from './revoke-api-key-button';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API keys' };

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ApiKeysPage({ params, searchParams }: Props) {
  const membership = await requireMembership((await params).teamId);
  const team = membership.team;
  const header = <PageHeader title="API keys" description="Keys let your backend call the BillStack API for this team's projects." />;
  if (!canManage(membership.role)) {
    return (
      <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
        {header}
        <Notice>Only owners and admins can see and create API keys; ask an owner or admin of {team.name}.</Notice>
      </main>
    );
  }
  const db = await getDb();
  const { page, limit, offset } = await pageFrom(searchParams);
  const [{ apiKeys, total }, { projects }] = await Promise.all([
    listApiKeys(db, { teamId: team.id, limit, offset }),
    listProjects(db, { teamId: team.id, limit: 100, offset: 0 }),
  ]);
  const projectName = new Map(projects.map((project) => [project.id, project.name]));
  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      {header}
      <div className="flex flex-col gap-6">
        <section aria-labelledby="keys-heading">
          <h2 id="keys-heading" className="mb-3 text-base font-semibold text-slate-900">
            Active keys
          </h2>
          {total === 0 ? (
            <EmptyState title="No API keys yet">Create one below; its secret is shown once.</EmptyState>
          ) : (
            <DataTable label="API keys" columns={['Name', 'Key', 'Projects', 'Scopes', 'Created', 'Last used', 'Expires', '']}>
              {apiKeys.map((key) => (
                <tr key={key.id}>
                  <Cell className="font-medium text-slate-900">{key.name}</Cell>
                  <Cell className="font-mono text-xs whitespace-nowrap">{key.start}…</Cell>
                  <Cell>
                    {key.projectIds === 'all'
                      ? 'All projects'
                      : key.projectIds.map((id) => projectName.get(id) ?? id).join(', ')}
                  </Cell>
                  <Cell>
                    <ul className="flex flex-wrap gap-1">
                      {key.scopes.map((scope) => (
                        <li key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
                          {scope === '*' ? '* (all)' : scope}
                        </li>
                      ))}
                    </ul>
                  </Cell>
                  <Cell className="whitespace-nowrap">{formatDate(key.createdAt)}</Cell>
                  <Cell className="whitespace-nowrap">{key.lastUsedAt ? formatDate(key.lastUsedAt) : <Muted>Never</Muted>}</Cell>
                  <Cell className="whitespace-nowrap">{key.expiresAt ? formatDate(key.expiresAt) : <Muted>Never</Muted>}</Cell>
                  <Cell className="text-right">
                    <RevokeApiKeyButton teamId={team.id} apiKey={{ id: key.id, name: key.name }} />
                  </Cell>
                </tr>
              ))}
            </DataTable>
          )}
          <Pager basePath={`/teams/${team.id}/api-keys`} page={page} pageSize={limit} total={total} noun="keys" />
        </section>
        <Card title="Create an API key" description="Give each service its own key, limited to the projects and scopes it needs.">
          <CreateApiKeyForm
            teamId={team.id}
            projects={projects.map((project) => ({ id: project.id, name: project.name }))}
            scopes={[...scopes]}
          />
        </Card>
      </div>
    </main>
  );
}
