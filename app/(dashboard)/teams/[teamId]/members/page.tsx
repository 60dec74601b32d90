import type { Metadata } from 'next';
import { Card } from '@/components/card';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { formatDate } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { RoleBadge } from '@/components/role-badge';
import { getDb } from '@/db/client';
import { listInvitations } from '@/lib/teams/invitations';
import { listMembers } from '@/lib/teams/service';
import { canManage, requireMembership } from '../../../access';
import { pageFrom } from '../../../paging';
import { AddMemberForm } from './add-member-form';
import { MemberActions } from './member-actions';
import { RevokeInvitationButton } from './revoke-invitation-button';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Members' };

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MembersPage({ params, searchParams }: Props) {
  const membership = await requireMembership((await params).teamId);
  const team = membership.team;
  const { page, limit, offset } = await pageFrom(searchParams);
  const db = await getDb();
  const manager = canManage(membership.role);
  const [{ members, total }, invitations] = await Promise.all([
    listMembers(db, { teamId: team.id, limit, offset }),
    // Open invitations are few (one per address): the first hundred stand for all of them.
    manager ? listInvitations(db, { teamId: team.id, limit: 100, offset: 0 }) : null,
  ]);
  return (
    <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <PageHeader title="Members" description="People with access to this team, and the invitations mailed to people who have not joined yet." />
      <div className="flex flex-col gap-6">
        <section aria-labelledby="members-heading">
          <h2 id="members-heading" className="sr-only">
            Members
          </h2>
          <DataTable label="Members" columns={['Email', 'Name', 'Role', 'Since', ...(manager ? [''] : [])]}>
            {members.map((member) => (
              <tr key={member.id}>
                <Cell className="font-medium text-slate-900">{member.email}</Cell>
                <Cell>{member.name ?? <Muted>—</Muted>}</Cell>
                <Cell>
                  <RoleBadge role={member.role} />
                </Cell>
                <Cell className="whitespace-nowrap">{formatDate(member.createdAt)}</Cell>
                {manager ? (
                  <Cell className="text-right">
                    {/* An admin is not offered actions on an owner: the API would refuse them (403). */}
                    {member.role === 'owner' && membership.role !== 'owner' ? null : (
                      <MemberActions
                        teamId={team.id}
                        userId={member.userId}
                        email={member.email}
                        role={member.role}
                        canMakeOwner={membership.role === 'owner'}
                      />
                    )}
                  </Cell>
                ) : null}
              </tr>
            ))}
          </DataTable>
          <Pager basePath={`/teams/${team.id}/members`} page={page} pageSize={limit} total={total} noun="members" />
        </section>
        {invitations ? (
          <section aria-labelledby="invitations-heading" className="flex flex-col gap-3">
            <h2 id="invitations-heading" className="text-base font-semibold text-slate-900">
              Pending invitations
            </h2>
            {invitations.total === 0 ? (
              <Notice>No invitation is waiting.</Notice>
            ) : (
              <DataTable label="Pending invitations" columns={['Email', 'Role', 'Expires', '']}>
                {invitations.invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <Cell className="font-medium text-slate-900">{invitation.email}</Cell>
                    <Cell>
                      <RoleBadge role={invitation.role} />
                    </Cell>
                    <Cell className="whitespace-nowrap">
                      {invitation.status === 'expired' ? <span className="text-amber-700">Expired</span> : formatDate(invitation.expiresAt)}
                    </Cell>
                    <Cell className="text-right">
                      <RevokeInvitationButton teamId={team.id} invitationId={invitation.id} email={invitation.email} />
                    </Cell>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        ) : null}
        {manager ? (
          <Card
            title="Invite a member"
            description="We mail a link to the address; they join once they open it, signed in with that address verified."
          >
            <AddMemberForm teamId={team.id} canAddOwner={membership.role === 'owner'} />
          </Card>
        ) : (
          <Notice>To invite someone to {team.name}, ask an owner or admin.</Notice>
        )}
      </div>
    </main>
  );
}
