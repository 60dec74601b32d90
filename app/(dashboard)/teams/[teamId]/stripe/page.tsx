import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/card';
import { formatDate, formatTime } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { WebhookStatus } from '@/components/webhook-status';
import { getDb } from '@/db/client';
import type { StripeConnection } from '@/db/schema';
import { UpstreamError } from '@/lib/http/errors';
import { connectionView, findConnection, registeredWebhookEndpoint } from '@/lib/stripe/connection';
import { listWebhookEvents } from '@/lib/webhooks/log';
import { canManage, requireMembership } from '../../../access';
import { ConnectStripeForm, DisconnectStripeButton } from './stripe-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Stripe' };

export default async function StripePage({ params }: { params: Promise<{ teamId: string }> }) {
  const membership = await requireMembership((await params).teamId);
  const team = membership.team;
  const header = <PageHeader title="Stripe" description="The Stripe account this team's projects bill through." />;
  if (!canManage(membership.role)) {
    return (
      <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
        {header}
        <Notice>Only owners and admins can see and change the Stripe connection; ask an owner or admin of {team.name}.</Notice>
      </main>
    );
  }
  const db = await getDb();
  const connection = await findConnection(db, team.id);
  const stripe = connectionView(connection);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      {header}
      <div className="flex flex-col gap-6">
        <Card title="Connection">
          {stripe.connected ? (
            <div className="flex flex-col gap-4">
              <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-[10rem_1fr]">
                <dt className="text-slate-500">Status</dt>
                <dd className="font-medium text-emerald-700">Connected</dd>
                <dt className="text-slate-500">Account</dt>
                <dd className="font-mono text-slate-900">{stripe.accountId}</dd>
                <dt className="text-slate-500">Mode</dt>
                <dd className="text-slate-900">{stripe.livemode ? 'Live' : 'Test'}</dd>
                <dt className="text-slate-500">Connected</dt>
                <dd className="text-slate-900">{formatDate(stripe.connectedAt)}</dd>
              </dl>
              <DisconnectStripeButton teamId={team.id} />
            </div>
          ) : (
            <p className="text-sm text-slate-600">
              <span className="font-medium text-slate-900">Not connected.</span> Connect a Stripe account to sync customers, products and
              subscriptions.
            </p>
          )}
        </Card>
        {connection ? <WebhookEndpointCard connection={connection} /> : null}
        <Card
          title={stripe.connected ? 'Reconnect with another key' : 'Connect Stripe'}
          description="Paste a secret or restricted key from the Stripe dashboard (Developers → API keys). It is stored encrypted and never shown again."
        >
          <ConnectStripeForm teamId={team.id} connected={stripe.connected} />
        </Card>
      </div>
    </main>
  );
}

/** Whether Stripe can reach BillStack: the endpoint as Stripe has it now, and the last event that arrived. */
async function WebhookEndpointCard({ connection }: { connection: StripeConnection }) {
  const db = await getDb();
  const [endpoint, { events }] = await Promise.all([
    // A Stripe outage leaves the rest of the page usable; `undefined` says the endpoint could not be read.
    registeredWebhookEndpoint(connection).catch((error) => {
      if (error instanceof UpstreamError) return undefined;
      throw error;
    }),
    listWebhookEvents(db, { teamId: connection.teamId, limit: 1, offset: 0 }),
  ]);
  const last = events[0];
  return (
    <Card title="Webhook endpoint" description="BillStack registered this endpoint in your Stripe account; Stripe sends every change to it.">
      <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-500">Endpoint ID</dt>
        <dd className="font-mono break-all text-slate-900">{connection.webhookEndpointId}</dd>
        {endpoint ? (
          <>
            <dt className="text-slate-500">URL</dt>
            <dd className="font-mono break-all text-slate-900">{endpoint.url}</dd>
            <dt className="text-slate-500">Endpoint status</dt>
            <dd className={`font-medium ${endpoint.status === 'enabled' ? 'text-emerald-700' : 'text-red-700'}`}>
              {endpoint.status === 'enabled' ? 'Enabled' : 'Disabled in Stripe: enable it there, or reconnect, or no event reaches BillStack'}
            </dd>
          </>
        ) : (
          <>
            <dt className="text-slate-500">Endpoint status</dt>
            <dd className="font-medium text-red-700">
              {endpoint === null ? 'Deleted in Stripe: reconnect below to register a new one' : 'Could not be read from Stripe just now'}
            </dd>
          </>
        )}
        <dt className="text-slate-500">Last event</dt>
        <dd className="text-slate-900">
          {last ? (
            <span className="flex flex-wrap items-center gap-2">
              <Link href={`/teams/${connection.teamId}/webhooks/${last.id}`} className="font-mono text-xs font-medium text-brand-700 hover:underline">
                {last.type}
              </Link>
              <span>{formatTime(last.receivedAt)}</span>
              <WebhookStatus status={last.status} />
            </span>
          ) : (
            <span className="text-slate-500">None received yet</span>
          )}
        </dd>
      </dl>
    </Card>
  );
}
