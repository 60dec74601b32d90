import type { Metadata } from 'next';
import { Card } from '@/components/card';
import { formatDate } from '@/components/format';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/db/client';
import { connectionView, findConnection } from '@/lib/stripe/connection';
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
  const stripe = connectionView(await findConnection(await getDb(), team.id));
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
