import Stripe from 'stripe';
import type { Ctx, Route } from './context';
import { clone, findOr404, insert, listAll, newId, paginate } from './store';

/** Events carry the version the SDK's types describe. */
export const API_VERSION: string = Stripe.API_VERSION;

interface EmitOptions {
  previous?: Record<string, unknown>;
  /** When the change happened on the clock of the object it concerns (simulated time). */
  at: number;
}

/** Records an event with a snapshot of `object` and queues its webhooks. */
export function emit(ctx: Ctx, type: Stripe.Event.Type, object: object, { previous, at }: EmitOptions): Stripe.EventBase {
  const data: Stripe.Event.Data = { object: clone(object) };
  if (previous && Object.keys(previous).length > 0) data.previous_attributes = clone(previous);
  const event: Stripe.EventBase = {
    id: newId('evt'),
    object: 'event',
    api_version: API_VERSION,
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

export const eventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/events/:id',
    handler: ({ account, params }) => findOr404(account, 'events', params.id),
  },
  {
    method: 'GET',
    path: '/v1/events',
    handler: ({ account, body }) => {
      const type = body.string('type');
      const types = body.strings('types');
      const matches = (t: string): boolean =>
        (!type || (type.endsWith('.*') ? t.startsWith(type.slice(0, -1)) : t === type)) &&
        (types.length === 0 || types.includes(t));
      return paginate(
        listAll(account, 'events').filter((event) => matches(event.type)),
        body,
        '/v1/events',
      );
    },
  },
];
