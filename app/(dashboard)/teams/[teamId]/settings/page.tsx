import type { Metadata } from 'next';
import { Card } from '@/components/card';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { isTeamOwner } from '@/lib/auth/roles';
import { canManage, requireMembership } from '../../../access';
import { DeleteTeamForm, RenameTeamForm } from './team-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Team settings' };

export default async function TeamSettingsPage({ params }: { params: Promise<{ teamId: string }> }) {
  const membership = await requireMembership((await params).teamId);
  const team = { id: membership.team.id, name: membership.team.name };
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <PageHeader title="Team settings" description={<span className="font-mono">{team.id}</span>} />
      {canManage(membership.role) ? (
        <div className="flex flex-col gap-6">
          <Card title="Name">
            <RenameTeamForm team={team} />
          </Card>
          {isTeamOwner(membership.role) ? (
            <Card title="Delete team">
              <p className="mb-4 text-sm text-slate-700">
                Deleting <span className="font-semibold wrap-anywhere">{team.name}</span> removes all its projects, customers, subscriptions, invoices,
                API keys, members, webhook log and audit log from BillStack, at once and for good. API keys stop working. BillStack&apos;s webhook
                endpoint is removed from the Stripe account; the data in Stripe itself stays.
              </p>
              <DeleteTeamForm team={team} />
            </Card>
          ) : (
            <Notice>Only an owner can delete the team.</Notice>
          )}
        </div>
      ) : (
        <Notice>Only owners and admins can change the settings of {team.name}.</Notice>
      )}
    </main>
  );
}
