// API versions of events. The emulator keeps every object in the shape of the SDK's version; an event is
// rendered on the way out in the version it is read in: a webhook endpoint's `api_version`, else the
// account's default version (the SDK's, or the one set with `POST /_emulator/settings {"apiVersion"}`).
// https://docs.stripe.com/webhooks/versioning
import Stripe from 'stripe';
import { clone, type AccountState } from './store';

/** The version the SDK's types describe: the shape the emulator stores objects in. */
export const API_VERSION: string = Stripe.API_VERSION;

// 2025-03-31.basil moved `current_period_start/end` from subscriptions to their items and an invoice's
// `subscription` to `parent.subscription_details.subscription`.
const BASIL = '2025-03-31';

export function validApiVersion(version: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version);
}

export function accountApiVersion(account: AccountState): string {
  return account.apiVersion ?? API_VERSION;
}

function releasedBefore(version: string, release: string): boolean {
  return version.slice(0, 10) < release;
}

type Json = Record<string, unknown>;

function preBasilSubscription(subscription: Json): Json {
  const items = subscription.items as { data: Json[] } | undefined;
  const first = items?.data[0];
  const data = (items?.data ?? []).map(({ current_period_start: _start, current_period_end: _end, ...item }) => item);
  return {
    ...subscription,
    current_period_start: first?.current_period_start ?? null,
    current_period_end: first?.current_period_end ?? null,
    ...(items ? { items: { ...items, data } } : {}),
  };
}

function preBasilInvoice({ parent, ...invoice }: Json): Json {
  const details = (parent as { subscription_details?: { subscription?: unknown } } | null | undefined)?.subscription_details;
  return { ...invoice, subscription: details?.subscription ?? null };
}

/** `object` (in the SDK's version) as Stripe renders it in `version`. */
export function renderObject(object: Json, version: string): Json {
  if (!releasedBefore(version, BASIL)) return object;
  if (object.object === 'subscription') return preBasilSubscription(object);
  if (object.object === 'invoice') return preBasilInvoice(object);
  return object;
}

export function renderEvent(event: Stripe.EventBase, version: string): Stripe.EventBase {
  const rendered = clone(event);
  rendered.api_version = version;
  rendered.data.object = renderObject(rendered.data.object as Json, version) as typeof rendered.data.object;
  return rendered;
}
