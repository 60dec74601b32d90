import type { Metadata } from 'next';
import Link from 'next/link';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { FilterBar } from '@/components/filter-bar';
import { FormError } from '@/components/form-error';
import { formatTime } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { SelectField } from '@/components/select-field';
import { TextField } from '@/components/text-field';
import { WebhookStatus } from '@/components/webhook-status';
import { getDb } from '@/db/client';
import { webhookEventStatuses } from '@/db/schema';
import { describeIssue } from '@/lib/http/route';
import { listProjects } from '@/lib/projects/service';
import { listWebhookEvents } from '@/lib/webhooks/log';
import { listWebhookEventsQuery } from '@/lib/webhooks/log-schemas';
import { canManage, requireMembership } from '../../../access';
import { pageFrom, paramsOf, withQuery, type SearchParams } from '../../../paging';
import { RetryEventButton } from './retry-event-button';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Webhooks' };

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<SearchParams> };

const filterNames = ['status', 'type', 'objectId'] as const;

export default async function WebhooksPage({ params, searchParams }: Props) {
  const membership = await requireMembership((await params).teamId);
  const team = membership.team;
  const header = (
    <PageHeader title="Webhooks" description="Every event Stripe sent this team: whether it reached BillStack's rows, and why not." />
  );
  if (!canManage(membership.role)) {
    return (
      <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
        {header}
        <Notice>Only owners and admins can read the webhook log of {team.name}.</Notice>
      </main>
    );
  }
  const filters = paramsOf(await searchParams, filterNames);
  const filtered = filterNames.some((name) => filters[name] !== undefined);
  const { page, limit, offset } = await pageFrom(searchParams);
  const db = await getDb();
  const parsed = listWebhookEventsQuery.safeParse({ ...filters, limit, offset });
  const [result, { projects }] = await Promise.all([
    parsed.success ? listWebhookEvents(db, { teamId: team.id, ...parsed.data }) : null,
    listProjects(db, { teamId: team.id, limit: 100, offset: 0 }),
  ]);
  const projectName = new Map(projects.map((project) => [project.id, project.name]));
  const basePath = `/teams/${team.id}/webhooks`;

  return (
    <main className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      {header}
      <div className="flex flex-col gap-6">
        <FilterBar key={JSON.stringify(filters)} label="Filter the webhook log" clearHref={basePath} active={filtered}>
          <SelectField
            label="Status"
            name="status"
            defaultValue={filters.status ?? ''}
            options={[{ value: '', label: 'Any' }, ...webhookEventStatuses.map((status) => ({ value: status, label: status }))]}
          />
          <TextField label="Event type" name="type" placeholder="invoice.paid" defaultValue={filters.type} />
          <TextField label="Stripe object" name="objectId" placeholder="cus_…" defaultValue={filters.objectId} />
        </FilterBar>
        {!parsed.success ? (
          <FormError message={describeIssue('query', parsed.error)} />
        ) : result && result.total === 0 ? (
          filtered ? (
            <Notice>No event matches these filters.</Notice>
          ) : (
            <EmptyState title="No Stripe events yet">They appear here as Stripe delivers them to this team&apos;s webhook endpoint.</EmptyState>
          )
        ) : result ? (
          <section aria-labelledby="events-heading">
            <h2 id="events-heading" className="sr-only">
              Events
            </h2>
            <DataTable label="Stripe events" columns={['Received', 'Event', 'Object', 'Project', 'Status', 'Attempts', '']}>
              {result.events.map((event) => (
                <tr key={event.id}>
                  <Cell className="whitespace-nowrap">{formatTime(event.receivedAt)}</Cell>
                  <Cell>
                    <Link href={`${basePath}/${event.id}`} className="font-mono text-xs font-medium text-brand-700 hover:underline">
                      {event.type}
                    </Link>
                    {event.lastError ? <p className="mt-1 line-clamp-2 max-w-sm text-xs text-slate-500">{event.lastError}</p> : null}
                  </Cell>
                  <Cell className="font-mono text-xs">{event.objectId ?? <Muted>—</Muted>}</Cell>
                  <Cell>{event.projectId ? (projectName.get(event.projectId) ?? event.projectId) : <Muted>—</Muted>}</Cell>
                  <Cell>
                    <WebhookStatus status={event.status} />
                  </Cell>
                  <Cell className="text-right tabular-nums">{event.attempts}</Cell>
                  <Cell className="text-right">
                    {event.status === 'failed' ? <RetryEventButton teamId={team.id} event={{ id: event.id, type: event.type }} /> : null}
                  </Cell>
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
