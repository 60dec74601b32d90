import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment } from 'react';
import { Card } from '@/components/card';
import { Cell, DataTable, Muted } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { formatDate, formatTime } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Pager } from '@/components/pager';
import { getDb } from '@/db/client';
import { listWebhookDeliveries } from '@/lib/outgoing-webhooks/delivery';
import { listWebhookEndpoints } from '@/lib/outgoing-webhooks/endpoints';
import { webhookEventTypes } from '@/lib/outgoing-webhooks/events';
import { canUse, requireMembership, requireProject } from '../../../../../access';
import { pageFrom } from '../../../../../paging';
import { CreateWebhookEndpointForm, RedeliverButton, WebhookEndpointActions } from './webhook-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Webhooks' };

type Props = {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const deliveryStatusStyle: Record<string, string> = {
  succeeded: 'bg-emerald-50 text-emerald-700',
  pending: 'bg-amber-50 text-amber-800',
  failed: 'bg-red-50 text-red-700',
};

export default async function WebhooksPage({ params, searchParams }: Props) {
  const { teamId, projectId } = await params;
  const [membership, project] = await Promise.all([requireMembership(teamId), requireProject(teamId, projectId)]);
  const db = await getDb();
  const { page, limit, offset } = await pageFrom(searchParams);
  const { webhookEndpoints, total } = await listWebhookEndpoints(db, project, { limit, offset });
  const requested = (await searchParams).endpoint;
  const selected = webhookEndpoints.find((endpoint) => endpoint.id === requested) ?? webhookEndpoints[0];
  const log = selected ? await listWebhookDeliveries(db, project, selected.id, { limit: 50, offset: 0 }) : null;
  const canWrite = canUse(membership.role, 'webhooks:write');
  const base = `/teams/${project.teamId}/projects/${project.id}/webhooks`;
  const apiBase = `/api/billstack/teams/${project.teamId}/projects/${project.id}`;
  const turnedOff = webhookEndpoints.filter((endpoint) => endpoint.disabledReason === 'failing');

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Webhooks"
        description="BillStack posts signed events (Standard Webhooks) to your backend when customers, subscriptions and invoices change."
      />
      {turnedOff.map((endpoint) => (
        <p key={endpoint.id} role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <span className="font-medium">{endpoint.url}</span> was disabled {endpoint.disabledAt ? `on ${formatDate(endpoint.disabledAt)}` : ''} because
          its deliveries failed for three days. Fix the receiver, then enable it again and redeliver what it missed.
        </p>
      ))}
      <section aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading" className="mb-3 text-base font-semibold text-slate-900">
          Endpoints
        </h2>
        {total === 0 ? (
          <EmptyState title="No webhook endpoints yet">Add one below; its signing secret is shown once.</EmptyState>
        ) : (
          <DataTable label="Webhook endpoints" columns={['URL', 'Events', 'Status', 'Created']}>
            {webhookEndpoints.map((endpoint) => (
              <Fragment key={endpoint.id}>
                <tr className={canWrite ? 'border-b-0' : undefined}>
                  <Cell className="min-w-48 break-all">
                    <Link href={`${base}?endpoint=${endpoint.id}`} className="font-medium text-slate-900 hover:underline">
                      {endpoint.url}
                    </Link>
                    {endpoint.description ? <p className="text-xs text-slate-500">{endpoint.description}</p> : null}
                  </Cell>
                  <Cell>
                    <ul className="flex flex-wrap gap-1">
                      {endpoint.events.map((type) => (
                        <li key={type} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
                          {type === '*' ? 'all events' : type}
                        </li>
                      ))}
                    </ul>
                  </Cell>
                  <Cell className="whitespace-nowrap">{endpoint.enabled ? 'Enabled' : <span className="text-red-700">Disabled</span>}</Cell>
                  <Cell className="whitespace-nowrap">{formatDate(endpoint.createdAt)}</Cell>
                </tr>
                {canWrite ? (
                  <tr>
                    {/* The actions get the table's whole width: a rotated secret is shown among them. */}
                    <Cell colSpan={4} className="pt-0">
                      <WebhookEndpointActions basePath={apiBase} endpoint={endpoint} />
                    </Cell>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </DataTable>
        )}
        <Pager basePath={base} page={page} pageSize={limit} total={total} noun="endpoints" />
      </section>
      {selected && log ? (
        <section aria-labelledby="deliveries-heading">
          <h2 id="deliveries-heading" className="mb-3 text-base font-semibold text-slate-900">
            Deliveries to <span className="font-mono text-sm">{selected.url}</span>
          </h2>
          {log.total === 0 ? (
            <EmptyState title="No deliveries yet">Events appear here as they are sent; try Send test.</EmptyState>
          ) : (
            <DataTable label="Webhook deliveries" columns={['Event', 'Status', 'Response', 'Duration', 'Attempts', 'Created', '']}>
              {log.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <Cell className="font-mono text-xs whitespace-nowrap">{delivery.eventType}</Cell>
                  <Cell className="whitespace-nowrap">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${deliveryStatusStyle[delivery.status]}`}>{delivery.status}</span>
                    {delivery.nextAttemptAt ? <p className="mt-1 text-xs text-slate-500">next {formatTime(delivery.nextAttemptAt)}</p> : null}
                  </Cell>
                  <Cell className="max-w-48">
                    {delivery.responseCode ?? <Muted>—</Muted>}
                    {delivery.responseExcerpt ? <p className="truncate text-xs text-slate-500">{delivery.responseExcerpt}</p> : null}
                  </Cell>
                  <Cell className="whitespace-nowrap">{delivery.durationMs === null ? <Muted>—</Muted> : `${delivery.durationMs} ms`}</Cell>
                  <Cell>{delivery.attempt}</Cell>
                  <Cell className="whitespace-nowrap">{formatTime(delivery.createdAt)}</Cell>
                  <Cell className="text-right">
                    {canWrite && selected.enabled ? <RedeliverButton basePath={apiBase} endpointId={selected.id} deliveryId={delivery.id} /> : null}
                  </Cell>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      ) : null}
      {canWrite ? (
        <Card title="Add an endpoint" description="An https URL of your backend; BillStack signs each event with the endpoint's own secret.">
          <CreateWebhookEndpointForm basePath={apiBase} eventTypes={[...webhookEventTypes]} />
        </Card>
      ) : (
        <Notice>Only owners and admins can add and change webhook endpoints.</Notice>
      )}
    </div>
  );
}
