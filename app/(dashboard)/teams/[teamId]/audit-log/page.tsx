import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/button';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { FormError } from '@/components/form-error';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/db/client';
import { listAuditEventsQuery } from '@/lib/audit/schemas';
import { listAuditEvents } from '@/lib/audit/service';
import { describeIssue } from '@/lib/http/route';
import { canManage, requireMembership } from '../../../access';
import { pageFrom } from '../../../paging';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<SearchParams> };

const filterNames = ['actor', 'action', 'from', 'to'] as const;
const day = /^\d{4}-\d{2}-\d{2}$/;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** The URL's filters as the API takes them: days from the date inputs cover whole UTC days, `to` included. */
function apiFilters(query: SearchParams) {
  const [actor, action, from, to] = filterNames.map((name) => first(query[name]));
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
  const query = await searchParams;
  const { page, limit, offset } = await pageFrom(searchParams);
  const parsed = listAuditEventsQuery.safeParse({ ...apiFilters(query), limit, offset });
  const result = parsed.success ? await listAuditEvents(await getDb(), { teamId: team.id, ...parsed.data }) : null;
  const basePath = `/teams/${team.id}/audit-log`;
  const hrefOf = (target: number) => {
    const search = new URLSearchParams();
    for (const name of filterNames) {
      const value = first(query[name]);
      if (value) search.set(name, value);
    }
    if (target > 1) search.set('page', String(target));
    const text = search.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  const pages = result ? Math.max(1, Math.ceil(result.total / limit)) : 1;
  const inputClasses =
    'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none';

  return (
    <main className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      {header}
      <div className="flex flex-col gap-6">
        <form method="get" action={basePath} aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3">
          {(
            [
              ['actor', 'Actor id', 'text', 'user or key id'],
              ['action', 'Action', 'text', 'api_key.created'],
              ['from', 'From', 'date', ''],
              ['to', 'To', 'date', ''],
            ] as const
          ).map(([name, label, type, placeholder]) => (
            <label key={name} className="flex flex-col gap-1 text-sm font-medium text-slate-700">
              {label}
              <input name={name} type={type} placeholder={placeholder} defaultValue={first(query[name]) ?? ''} className={inputClasses} />
            </label>
          ))}
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
            {pages > 1 ? (
              <nav aria-label="Pagination" className="mt-3 flex items-center justify-between gap-3 text-sm text-slate-500">
                <p>
                  Page {page} of {pages} · {result.total} events
                </p>
                <div className="flex gap-2">
                  {page > 1 ? (
                    <Link href={hrefOf(page - 1)} className={buttonClasses('secondary')}>
                      Previous
                    </Link>
                  ) : null}
                  {page < pages ? (
                    <Link href={hrefOf(page + 1)} className={buttonClasses('secondary')}>
                      Next
                    </Link>
                  ) : null}
                </div>
              </nav>
            ) : null}
          </section>
        ) : null}
      </div>
    </main>
  );
}
