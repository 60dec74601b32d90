import type { Metadata } from 'next';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { FilterBar } from '@/components/filter-bar';
import { FormError } from '@/components/form-error';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { TextField } from '@/components/text-field';
import { getDb } from '@/db/client';
import { listAuditEventsQuery } from '@/lib/audit/schemas';
import { listAuditEvents } from '@/lib/audit/service';
import { describeIssue } from '@/lib/http/route';
import { canManage, requireMembership } from '../../../access';
import { pageFrom, paramsOf, withQuery, type SearchParams } from '../../../paging';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<SearchParams> };

const filterNames = ['actor', 'action', 'from', 'to'] as const;
type Filters = Record<(typeof filterNames)[number], string | undefined>;
const day = /^\d{4}-\d{2}-\d{2}$/;

/** The URL's filters as the API takes them: days from the date inputs cover whole UTC days, `to` included. */
function apiFilters({ actor, action, from, to }: Filters) {
  const nextDay = (value: string) => new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    actor,
    action,
    from: from && day.test(from) ? `${from}T00:00:00Z` : from,
    to: to && day.test(to) ? nextDay(to) : to,
  };
}

export default async function AuditLogPage({ params, searchParams }: Props) {
  const membership = await requireMembership((await params).teamId);
  const team = membership.team;
  const header = <PageHeader title="Audit log" description="Every change made in this team: who, when, what, from which request." />;
  if (!canManage(membership.role)) {
    return (
      <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
        {header}
        <Notice>Only owners and admins can read the audit log of {team.name}.</Notice>
      </main>
    );
  }
  const filters = paramsOf(await searchParams, filterNames);
  const { page, limit, offset } = await pageFrom(searchParams);
  const parsed = listAuditEventsQuery.safeParse({ ...apiFilters(filters), limit, offset });
  const result = parsed.success ? await listAuditEvents(await getDb(), { teamId: team.id, ...parsed.data }) : null;
  const basePath = `/teams/${team.id}/audit-log`;

  return (
    <main className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      {header}
      <div className="flex flex-col gap-6">
        <FilterBar
          key={JSON.stringify(filters)}
          label="Filter the audit log"
          clearHref={basePath}
          active={filterNames.some((name) => filters[name] !== undefined)}
        >
          <TextField label="Actor id" name="actor" placeholder="user or key id" defaultValue={filters.actor} />
          <TextField label="Action" name="action" placeholder="api_key.created" defaultValue={filters.action} />
          <TextField label="From" name="from" type="date" defaultValue={filters.from} />
          <TextField label="To" name="to" type="date" defaultValue={filters.to} />
        </FilterBar>
        {!parsed.success ? (
          <FormError message={describeIssue('query', parsed.error)} />
        ) : result && result.total === 0 ? (
          <Notice>No change matches these filters.</Notice>
        ) : result ? (
          <section aria-labelledby="events-heading">
            <h2 id="events-heading" className="sr-only">
              Events
            </h2>
            <DataTable label="Audit events" columns={['When', 'Actor', 'Action', 'Target', 'Request', 'IP']}>
              {result.events.map((event) => (
                <tr key={event.id}>
                  <Cell className="whitespace-nowrap">{event.at.replace('T', ' ').slice(0, 19)} UTC</Cell>
                  <Cell>
                    <span className="font-medium text-slate-900">{event.actor.label}</span>{' '}
                    <Muted>{event.actor.type === 'apiKey' ? 'API key' : 'user'}</Muted>
                  </Cell>
                  <Cell className="font-mono text-xs">{event.action}</Cell>
                  <Cell className="font-mono text-xs">
                    {event.target.type} {event.target.id}
                  </Cell>
                  <Cell className="font-mono text-xs">{event.requestId}</Cell>
                  <Cell className="font-mono text-xs">{event.ip ?? <Muted>—</Muted>}</Cell>
                </tr>
              ))}
            </DataTable>
            <Pager basePath={withQuery(basePath, filters)} page={page} pageSize={limit} total={result.total} noun="events" />
          </section>
        ) : null}
      </div>
    </main>
  );
}
