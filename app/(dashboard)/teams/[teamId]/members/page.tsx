import type { Metadata } from 'next';
import { Card } from '@/components/card';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { formatDate } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { RoleBadge } from '@/components/role-badge';
import { getDb } from '@/db/client';
import { listMembers } from '@/lib/teams/service';
import { canManage, requireMembership } from '../../../access';
import { pageFrom } from '../../../paging';
import { AddMemberForm } from './add-member-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Members' };

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MembersPage({ params, searchParams }: Props) {
  const membership = await requireMembership((await params).teamId);
  const team = membership.team;
  const { page, limit, offset } = await pageFrom(searchParams);
  const { members, total } = await listMembers(await getDb(), { teamId: team.id, limit, offset });
  return (
    <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <PageHeader title="Members" description="People with access to this team, and invitations waiting for someone to sign up." />
      <div className="flex flex-col gap-6">
        <section aria-labelledby="members-heading">
          <h2 id="members-heading" className="sr-only">
            Members and invitations
          </h2>
          <DataTable label="Members" columns={['Email', 'Name', 'Role', 'Status', 'Since']}>
            {members.map((member) => (
              <tr key={member.id}>
                <Cell className="font-medium text-slate-900">{member.email}</Cell>
                <Cell>{member.name ?? <Muted>—</Muted>}</Cell>
                <Cell>
                  <RoleBadge role={member.role} />
                </Cell>
                <Cell>{member.status === 'active' ? 'Active' : <span className="text-amber-700">Invited</span>}</Cell>
                <Cell className="whitespace-nowrap">{formatDate(member.createdAt)}</Cell>
              </tr>
            ))}
          </DataTable>
          <Pager basePath={`/teams/${team.id}/members`} page={page} pageSize={limit} total={total} noun="members and invitations" />
        </section>
        {canManage(membership.role) ? (
          <Card title="Add a member" description="Someone who already has an account joins at once; anyone else is invited and joins when they sign up.">
            <AddMemberForm teamId={team.id} canAddOwner={membership.role === 'owner'} />
          </Card>
        ) : (
          <Notice>To add someone to {team.name}, ask an owner or admin.</Notice>
        )}
      </div>
    </main>
  );
}
