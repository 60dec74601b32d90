import { NextResponse } from 'next/server';
import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { replayBody, replayStripeEvents } from '@/lib/webhooks/replay';

/** Queues the Stripe events of `{from, to}` that BillStack never received; the worker applies them (202). */
export const POST = teamRoute({ roles: teamAdminRoles, body: replayBody }, async ({ db, actor, body }) =>
  NextResponse.json({ replay: await replayStripeEvents(db, actor, body) }, { status: 202 }),
);
