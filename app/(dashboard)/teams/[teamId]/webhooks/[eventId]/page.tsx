import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { Card } from '@/components/card';
import { Muted } from '@/components/data-table';
import { formatTime } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { WebhookStatus } from '@/components/webhook-status';
import { getDb } from '@/db/client';
import { NotFound } from '@/lib/http/errors';
import { getWebhookEvent, webhookEventDetail } from '@/lib/webhooks/log';
import { canManage, requireMembership } from '../../../../access';
import { RetryEventButton } from '../retry-event-button';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Webhook event' };

type Props = { params: Promise<{ teamId: string; eventId: string }> };

async function eventOf(teamId: string, eventId: string) {
  try {
    return webhookEventDetail(await getWebhookEvent(await getDb(), { teamId, eventId }));
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
}

export default async function WebhookEventPage({ params }: Props) {
  const { teamId, eventId } = await params;
  const membership = await requireMembership(teamId);
  const team = membership.team;
  const back = (
    <Link href={`/teams/${team.id}/webhooks`} className="text-sm font-medium text-slate-500 hover:text-slate-900">
      ← Webhook log
    </Link>
  );
  if (!canManage(membership.role)) {
    return (
      <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
        <PageHeader title="Webhook event" />
        <Notice>Only owners and admins can read the webhook log of {team.name}.</Notice>
      </main>
    );
  }
  const event = await eventOf(team.id, eventId);
  const fields: [string, ReactNode][] = [
    ['Status', <WebhookStatus key="status" status={event.status} />],
    ['Stripe event', <span key="evt" className="font-mono">{event.stripeEventId}</span>],
    ['Object', event.objectId ? <span className="font-mono">{event.objectId}</span> : <Muted>—</Muted>],
    ['Project', event.projectId ? <span className="font-mono">{event.projectId}</span> : <Muted>—</Muted>],
    ['Attempts', String(event.attempts)],
    ['Received', formatTime(event.receivedAt)],
    ['Applied', event.appliedAt ? formatTime(event.appliedAt) : <Muted>Not yet</Muted>],
    ['Last error', event.lastError ?? <Muted>None</Muted>],
  ];
  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <div className="mb-4">{back}</div>
      <PageHeader
        title={event.type}
        description={<span className="font-mono">{event.id}</span>}
        actions={event.status === 'failed' ? <RetryEventButton teamId={team.id} event={{ id: event.id, type: event.type }} /> : null}
      />
      <div className="flex flex-col gap-6">
        <Card title="Details">
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-[9rem_1fr]">
            {fields.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd className="break-all text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Payload" description="The event as Stripe signed it.">
          <pre aria-label="Event payload" className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-4 text-xs text-slate-100">
            {JSON.stringify(event.payload, null, 2)}
          </pre>
        </Card>
      </div>
    </main>
  );
}
