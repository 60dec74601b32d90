import type { Metadata } from 'next';
import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { Card } from '@/components/card';
import { EmptyState } from '@/components/empty-state';
import { formatDate } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { RoleBadge } from '@/components/role-badge';
import { myTeams, requireUser } from '../access';
import { SuccessNote } from '../confirm-action';
import { firstParam, type SearchParams } from '../paging';
import { SignOutButton } from '../sign-out-button';
import { CreateTeamForm } from './create-team-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const deleted = firstParam(await searchParams, 'deleted') === '1';
  const { teams, total } = await myTeams();
  return (
    <>
      <AppHeader email={user.email} userActions={<SignOutButton />} />
      <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
        <PageHeader title="Teams" description="A team owns projects, each with its own Stripe connection and customers." />
        <div className="flex flex-col gap-6">
          {deleted ? <SuccessNote>The team was deleted.</SuccessNote> : null}
          {teams.length === 0 ? (
            <EmptyState title="No teams yet">Create your first team below to start adding projects.</EmptyState>
          ) : (
            <section aria-labelledby="your-teams">
              <h2 id="your-teams" className="sr-only">
                Your teams
              </h2>
              <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
                {teams.map((team) => (
                  <li key={team.id} className="flex items-center justify-between gap-4 px-5 py-4 hover:bg-slate-50">
                    <div className="min-w-0">
                      <Link href={`/teams/${team.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                        {team.name}
                      </Link>
                      <p className="text-xs text-slate-500">Created {formatDate(team.createdAt)}</p>
                    </div>
                    <RoleBadge role={team.role} />
                  </li>
                ))}
              </ul>
              {total > teams.length ? (
                <p className="mt-2 text-xs text-slate-500">
                  Showing {teams.length} of {total} teams.
                </p>
              ) : null}
            </section>
          )}
          <Card title="Create a team" description="You become its owner and can invite others later.">
            <CreateTeamForm />
          </Card>
        </div>
      </main>
    </>
  );
}
