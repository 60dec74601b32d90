import { NextResponse } from 'next/server';
import { stripeApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { replayStripeEvents } from '@/lib/webhooks/replay';

/** Queues the Stripe events of `{from, to}` that BillStack never received; the worker applies them (202). */
export const POST = teamRoute(stripeApi.replayEvents, async ({ db, actor, body }) =>
  NextResponse.json({ replay: await replayStripeEvents(db, actor, body) }, { status: 202 }),
);
