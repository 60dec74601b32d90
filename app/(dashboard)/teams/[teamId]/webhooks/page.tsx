import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/button';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { FormError } from '@/components/form-error';
import { formatTime } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { WebhookStatus } from '@/components/webhook-status';
import { getDb } from '@/db/client';
import { webhookEventStatuses } from '@/db/schema';
import { describeIssue } from '@/lib/http/route';
import { listProjects } from '@/lib/projects/service';
import { listWebhookEvents } from '@/lib/webhooks/log';
import { listWebhookEventsQuery } from '@/lib/webhooks/log-schemas';
import { canManage, requireMembership } from '../../../access';
import { pageFrom, withQuery } from '../../../paging';
import { RetryEventButton } from './retry-event-button';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Webhooks' };

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<SearchParams> };

const filterNames = ['status', 'type', 'objectId'] as const;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

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
  const query = await searchParams;
  const filters = Object.fromEntries(filterNames.flatMap((name) => (first(query[name]) ? [[name, first(query[name])!]] : [])));
  const { page, limit, offset } = await pageFrom(searchParams);
  const db = await getDb();
  const parsed = listWebhookEventsQuery.safeParse({ ...filters, limit, offset });
  const [result, { projects }] = await Promise.all([
    parsed.success ? listWebhookEvents(db, { teamId: team.id, ...parsed.data }) : null,
    listProjects(db, { teamId: team.id, limit: 100, offset: 0 }),
  ]);
  const projectName = new Map(projects.map((project) => [project.id, project.name]));
  const basePath = `/teams/${team.id}/webhooks`;
  const inputClasses =
    'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none';

  return (
    <main className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      {header}
      <div className="flex flex-col gap-6">
        <form method="get" action={basePath} aria-label="Filter the webhook log" className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            Status
            <select name="status" defaultValue={filters.status ?? ''} className={inputClasses}>
              <option value="">Any</option>
              {webhookEventStatuses.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            Event type
            <input name="type" placeholder="invoice.paid" defaultValue={filters.type ?? ''} className={inputClasses} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            Stripe object
            <input name="objectId" placeholder="cus_…" defaultValue={filters.objectId ?? ''} className={inputClasses} />
          </label>
          <button type="submit" className={buttonClasses('secondary')}>
            Filter
          </button>
          <Link href={basePath} className={buttonClasses('ghost')}>
            Clear
          </Link>
        </form>
        {!parsed.success ? (
          <FormError message={describeIssue('query', parsed.error)} />
        ) : result && result.total === 0 ? (
          Object.keys(filters).length > 0 ? (
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
