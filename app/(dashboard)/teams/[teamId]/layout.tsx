import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { RoleBadge } from '@/components/role-badge';
import { TeamNav } from '@/components/team-nav';
import { TeamSwitcher } from '@/components/team-switcher';
import { canManage, myTeams, requireMembership, requireUser } from '../../access';
import { SignOutButton } from '../../sign-out-button';

export const dynamic = 'force-dynamic';

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const [user, membership, { teams }] = await Promise.all([requireUser(), requireMembership(teamId), myTeams()]);
  const current = { id: membership.team.id, name: membership.team.name };
  // The switcher lists at most the first page of teams; the current one is always in it.
  const switchable = teams.some((team) => team.id === current.id) ? teams : [current, ...teams];
  const base = `/teams/${current.id}`;
  const nav = [
    { href: base, label: 'Projects', nested: true },
    { href: `${base}/members`, label: 'Members' },
    // Keys and the Stripe connection are owner/admin settings; members are not shown links to them.
    ...(canManage(membership.role)
      ? [
          { href: `${base}/api-keys`, label: 'API keys' },
          { href: `${base}/stripe`, label: 'Stripe' },
          { href: `${base}/webhooks`, label: 'Webhooks' },
          { href: `${base}/audit-log`, label: 'Audit log' },
          { href: `${base}/settings`, label: 'Settings' },
        ]
      : []),
  ];
  return (
    <>
      <AppHeader email={user.email} userActions={<SignOutButton />}>
        <TeamSwitcher current={current} teams={switchable} />
        <RoleBadge role={membership.role} />
      </AppHeader>
      <TeamNav items={nav} />
      {children}
    </>
  );
}
