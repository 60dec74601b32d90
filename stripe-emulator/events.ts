import type Stripe from 'stripe';
import { accountApiVersion, renderEvent } from './api-versions';
import { accountNow } from './clock';
import type { Ctx, Route } from './context';
import { invalidRequest, resourceMissing } from './errors';
import type { Params } from './form';
import { clone, find, insert, listAll, newId, paginate, type AccountState } from './store';

// Stripe lists and retrieves events of the last 30 days only.
const EVENT_RETENTION_SECONDS = 30 * 86_400;

interface EmitOptions {
  previous?: Record<string, unknown>;
  /** When the change happened on the clock of the object it concerns (simulated time). */
  at: number;
}

/**
 * Records an event with a snapshot of `object` and queues its webhooks. The event's `api_version` is the
 * account's default at creation; its data stays in the SDK's shape and is rendered when read.
 */
export function emit(ctx: Ctx, type: Stripe.Event.Type, object: object, { previous, at }: EmitOptions): Stripe.EventBase {
  const data: Stripe.Event.Data = { object: clone(object) };
  if (previous && Object.keys(previous).length > 0) data.previous_attributes = clone(previous);
  const event: Stripe.EventBase = {
    id: newId('evt'),
    object: 'event',
    api_version: accountApiVersion(ctx.account),
    created: at,
    data,
    livemode: ctx.account.livemode,
    pending_webhooks: 0,
    request: ctx.request,
    type,
  };
  insert(ctx.account, 'events', event);
  ctx.runtime.publish(ctx.account, event);
  return event;
}

function retained(account: AccountState): (event: Stripe.EventBase) => boolean {
  const oldest = accountNow(account) - EVENT_RETENTION_SECONDS;
  return (event) => event.created >= oldest;
}

/** `type` is an event name, `*` matching any run of characters (`customer.subscription.*`). */
function typeMatcher(query: Params): (type: string) => boolean {
  const type = query.string('type');
  const types = query.strings('types');
  if (type !== undefined && types.length > 0) {
    throw invalidRequest('You may pass either `type` or `types`, but not both.', 'types');
  }
  if (types.length > 20) throw invalidRequest('You may pass up to 20 event types.', 'types');
  if (types.length > 0) return (t) => types.includes(t);
  if (type === undefined) return () => true;
  const pattern = new RegExp(`^${type.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (t) => pattern.test(t);
}

/** Stripe's `created` list filter: a timestamp, or an object of `gt`, `gte`, `lt`, `lte` bounds. */
export function createdMatcher(query: Params): (created: number) => boolean {
  const range = query.has('created') && typeof query.data.created === 'object' ? query.object('created') : undefined;
  if (!range) {
    const exact = query.integer('created');
    return exact === undefined ? () => true : (created) => created === exact;
  }
  const [gt, gte, lt, lte] = (['gt', 'gte', 'lt', 'lte'] as const).map((bound) => range.integer(bound));
  return (created) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte);
}

export const eventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/events/:id',
    handler: ({ account, params }) => {
      const event = find(account, 'events', params.id);
      if (!event || !retained(account)(event)) throw resourceMissing('event', params.id);
      return renderEvent(event, event.api_version ?? accountApiVersion(account));
    },
  },
  {
    method: 'GET',
    path: '/v1/events',
    handler: ({ account, body }) => {
      const typeMatches = typeMatcher(body);
      const createdMatches = createdMatcher(body);
      const deliverySuccess = body.boolean('delivery_success');
      const isRetained = retained(account);
      const events = listAll(account, 'events').filter(
        (event) =>
          isRetained(event) &&
          typeMatches(event.type) &&
          createdMatches(event.created) &&
          // Succeeded means no endpoint is still waiting for (or gave up on) the event.
          (deliverySuccess === undefined || (event.pending_webhooks === 0) === deliverySuccess),
      );
      const page = paginate(events, body, '/v1/events');
      return { ...page, data: page.data.map((event) => renderEvent(event, event.api_version ?? accountApiVersion(account))) };
    },
  },
];
