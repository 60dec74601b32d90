import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { RoleBadge } from '@/components/role-badge';
import { TeamSwitcher } from '@/components/team-switcher';
import { myTeams, requireMembership, requireUser } from '../../access';
import { SignOutButton } from '../../sign-out-button';

export const dynamic = 'force-dynamic';

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const [user, membership, { teams }] = await Promise.all([requireUser(), requireMembership(teamId), myTeams()]);
  const current = { id: membership.team.id, name: membership.team.name };
  // The switcher lists at most the first page of teams; the current one is always in it.
  const switchable = teams.some((team) => team.id === current.id) ? teams : [current, ...teams];
  return (
    <>
      <AppHeader email={user.email} userActions={<SignOutButton />}>
        <TeamSwitcher current={current} teams={switchable} />
        <RoleBadge role={membership.role} />
      </AppHeader>
      {children}
    </>
  );
}
