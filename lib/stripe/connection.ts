import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { stripeConnections, type StripeConnection } from '@/db/schema';
import { recordAudit, type ActorContext } from '@/lib/audit/service';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secret-box';
import { BadRequest, Conflict } from '@/lib/http/errors';
import { isoTime } from '@/lib/http/respond';
import { log } from '@/lib/log';
import { stripeClient } from './client';
import { bucketFor } from './throttle';
import { asUpstreamError, callStripe, isStripeMissing } from './errors';

/** The events the webhook intake applies; the endpoint is registered for exactly these. */
export const webhookEvents: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'product.created',
  'product.updated',
  'product.deleted',
  'price.created',
  'price.updated',
  'price.deleted',
  'coupon.created',
  'coupon.updated',
  'coupon.deleted',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.trial_will_end',
  // Plan changes at the period end: a schedule's next phase is the subscription's pending change.
  'subscription_schedule.created',
  'subscription_schedule.updated',
  'subscription_schedule.released',
  'subscription_schedule.canceled',
  'subscription_schedule.completed',
  'subscription_schedule.aborted',
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.updated',
  'invoice.voided',
  'checkout.session.completed',
  'checkout.session.expired',
  // A refund within the hold period voids the referral the payment qualified.
  'charge.refunded',
];

export function connectionView(connection: StripeConnection | null) {
  if (!connection) return { connected: false as const, accountId: null, livemode: null, connectedAt: null };
  return {
    connected: true as const,
    accountId: connection.accountId,
    livemode: connection.livemode,
    connectedAt: isoTime(connection.connectedAt),
  };
}

export const stripeNotConnected = () => new Conflict('Stripe is not connected for this team', 'stripe_not_connected');

export async function findConnection(db: Executor, teamId: string): Promise<StripeConnection | null> {
  const [row] = await db.select().from(stripeConnections).where(eq(stripeConnections.teamId, teamId)).limit(1);
  return row ?? null;
}

export function webhookUrl(origin: string, teamId: string): string {
  return `${origin}/api/billstack/webhooks/stripe?team=${teamId}`;
}

async function removeWebhookEndpoint(secretKey: string, endpointId: string) {
  try {
    await stripeClient(secretKey).webhookEndpoints.del(endpointId);
  } catch (error) {
    // Already gone, or the key no longer works: there is nothing left for us to remove.
    const gone =
      error instanceof Stripe.errors.StripeAuthenticationError ||
      isStripeMissing(error);
    if (!gone) throw asUpstreamError(error);
  }
}

/**
 * Validates the key against Stripe, registers the team's webhook endpoint there, and stores both
 * secrets encrypted. Any failure leaves neither a row nor a stray endpoint behind.
 */
export async function connectStripe(db: Executor, { actor, secretKey, origin }: { actor: ActorContext; secretKey: string; origin: string }) {
  const teamId = actor.teamId;
  const stripe = stripeClient(secretKey);
  let account: Stripe.Account;
  try {
    account = await stripe.accounts.retrieveCurrent();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
      throw new BadRequest(error.message, 'invalid_stripe_key');
    }
    throw asUpstreamError(error);
  }
  const endpoint = await callStripe(() =>
    stripe.webhookEndpoints.create({
      url: webhookUrl(origin, teamId),
      enabled_events: webhookEvents,
      // Events are sent in the endpoint's version, else the account's default, which may be older than the
      // shapes the SDK types (and BillStack reads). Pinned here; a reconnect makes a new, pinned endpoint.
      api_version: Stripe.API_VERSION,
      description: `BillStack team ${teamId}`,
      metadata: { billstack_team_id: teamId },
    }),
  );
  const previous = await findConnection(db, teamId);
  const values = {
    teamId,
    accountId: account.id,
    livemode: secretKey.includes('_live_'),
    secretKeyEncrypted: encryptSecret(secretKey, teamId),
    webhookEndpointId: endpoint.id,
    webhookSecretEncrypted: encryptSecret(endpoint.secret!, teamId),
    connectedAt: new Date(),
  };
  let connection: StripeConnection;
  try {
    connection = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(stripeConnections)
        .values(values)
        .onConflictDoUpdate({ target: stripeConnections.teamId, set: values })
        .returning();
      await recordAudit(tx, actor, { action: 'stripe.connected', target: { type: 'stripeAccount', id: account.id } });
      return row;
    });
  } catch (error) {
    await removeWebhookEndpoint(secretKey, endpoint.id).catch(() => undefined);
    throw error;
  }
  // A reconnect replaces the old endpoint; its removal is best effort, as the old key may be revoked.
  if (previous) {
    await removeWebhookEndpoint(decryptSecret(previous.secretKeyEncrypted, teamId), previous.webhookEndpointId).catch(
      (error) => log.error({ err: error, teamId }, 'could not remove the previous webhook endpoint'),
    );
  }
  return connection;
}

export async function disconnectStripe(db: Executor, { actor }: { actor: ActorContext }) {
  const teamId = actor.teamId;
  const connection = await findConnection(db, teamId);
  if (!connection) return;
  await removeWebhookEndpoint(decryptSecret(connection.secretKeyEncrypted, teamId), connection.webhookEndpointId);
  await db.transaction(async (tx) => {
    await tx.delete(stripeConnections).where(eq(stripeConnections.teamId, teamId));
    await recordAudit(tx, actor, { action: 'stripe.disconnected', target: { type: 'stripeAccount', id: connection.accountId } });
  });
}

/**
 * The webhook endpoint BillStack registered in the team's Stripe account, as Stripe has it now (Stripe disables an
 * endpoint that keeps failing); null when it was deleted there, so the page can say to reconnect.
 */
export async function registeredWebhookEndpoint(connection: StripeConnection) {
  const stripe = stripeClient(decryptSecret(connection.secretKeyEncrypted, connection.teamId));
  try {
    const endpoint = await stripe.webhookEndpoints.retrieve(connection.webhookEndpointId);
    return { id: endpoint.id, url: endpoint.url, status: endpoint.status === 'enabled' ? ('enabled' as const) : ('disabled' as const) };
  } catch (error) {
    if (isStripeMissing(error)) return null;
    throw asUpstreamError(error);
  }
}

/** The team's Stripe client, for every project endpoint that talks to Stripe. */
export async function stripeForTeam(db: Executor, teamId: string): Promise<{ stripe: Stripe; connection: StripeConnection }> {
  const connection = await findConnection(db, teamId);
  if (!connection) throw stripeNotConnected();
  return { stripe: stripeClient(decryptSecret(connection.secretKeyEncrypted, teamId)), connection };
}

export function webhookSecretOf(connection: StripeConnection): string {
  return decryptSecret(connection.webhookSecretEncrypted, connection.teamId);
}

/** The team's Stripe client for background work: its account's token bucket paces it (see throttle.ts). */
export async function throttledStripeForTeam(db: Executor, teamId: string): Promise<{ stripe: Stripe; connection: StripeConnection }> {
  const connection = await findConnection(db, teamId);
  if (!connection) throw stripeNotConnected();
  const bucket = bucketFor(connection.accountId, connection.livemode);
  return { stripe: stripeClient(decryptSecret(connection.secretKeyEncrypted, teamId), bucket), connection };
}
