import { and, asc, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { getDb } from '@/db/client';
import { historyImports, stripeEvents } from '@/db/schema';
import { findConnection, webhookEvents, webhookSecretOf } from '@/lib/stripe/connection';
import * as webhookRoute from '@/app/api/billstack/webhooks/stripe/[teamId]/route';
import { call } from './http';
import { createProject, createTeam, type TestUser } from './fixtures';
import { connectTeam } from './stripe';

/** A team with one project, connected to the given Stripe account, its history import done; with its endpoint secret. */
export async function connectedTeam(owner: TestUser, secretKey: string) {
  const team = await createTeam(owner);
  const project = await createProject(owner, team.id);
  await connectTeam(owner, team.id, secretKey);
  // Connecting an account with subscriptions starts a history import: its Stripe calls and writes would race
  // the deliveries (and take the faults) a test makes.
  await importsFinished(team.id);
  const db = await getDb();
  const secret = webhookSecretOf((await findConnection(db, team.id))!);
  return { team, project, secret };
}

async function importsFinished(teamId: string) {
  const db = await getDb();
  const running = () =>
    db.select().from(historyImports).where(and(eq(historyImports.teamId, teamId), eq(historyImports.status, 'running')));
  while ((await running()).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Posts a payload to the team's intake route, as Stripe does. */
export function deliver(teamId: string, payload: string, signature: string | null) {
  return call(webhookRoute.POST, `/api/billstack/webhooks/stripe/${teamId}`, {
    method: 'POST',
    params: { teamId },
    rawBody: payload,
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
  });
}

export const sign = (payload: string, secret: string, timestamp?: number) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

/** Delivers an event signed with the team's secret. */
export function deliverEvent(teamId: string, secret: string, event: Stripe.Event) {
  const payload = JSON.stringify(event);
  return deliver(teamId, payload, sign(payload, secret));
}

/** Every event the account produced that BillStack listens to, oldest first, as Stripe would send them. */
export async function recordedEvents(stripe: Stripe): Promise<Stripe.Event[]> {
  const events: Stripe.Event[] = [];
  for await (const event of stripe.events.list({ limit: 100 })) events.push(event);
  return events.filter((event) => (webhookEvents as string[]).includes(event.type)).reverse();
}

export async function storedEvents(teamId: string) {
  const db = await getDb();
  return db.select().from(stripeEvents).where(eq(stripeEvents.teamId, teamId)).orderBy(asc(stripeEvents.stripeCreatedAt), asc(stripeEvents.stripeEventId));
}
