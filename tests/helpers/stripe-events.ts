import { and, asc, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import { historyImports, stripeEvents, subscriptionHistory } from '@/db/schema';
import { findConnection, webhookEvents, webhookSecretOf, webhookUrl } from '@/lib/stripe/connection';
import * as webhookRoute from '@/app/api/billstack/webhooks/stripe/route';
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
  return { team, project, secret: await teamWebhookSecret(team.id) };
}

/** The secret Stripe signs the team's webhooks with (from the database: it is shown to nobody). */
export async function teamWebhookSecret(teamId: string): Promise<string> {
  const db = await getDb();
  return webhookSecretOf((await findConnection(db, teamId))!);
}

async function importsFinished(teamId: string) {
  const db = await getDb();
  const running = () =>
    db.select().from(historyImports).where(and(eq(historyImports.teamId, teamId), eq(historyImports.status, 'running')));
  while ((await running()).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Posts a payload to the team's intake route, as Stripe does. */
export function deliver(teamId: string, payload: string, signature: string | null) {
  return call(webhookRoute.POST, webhookUrl('', teamId), {
    method: 'POST',
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

/** Delivers an event signed with the team's secret to a running server's intake, over HTTP as Stripe does. */
export async function deliverEventTo(baseURL: string, teamId: string, secret: string, event: Stripe.Event) {
  const payload = JSON.stringify(event);
  const res = await fetch(webhookUrl(baseURL, teamId), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': sign(payload, secret) },
    body: payload,
  });
  return { status: res.status, body: await res.json() };
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

/** Whether every stored event of the team is done with: applied, ignored, or given up on. */
export const settled = async (teamId: string) =>
  (await storedEvents(teamId)).every((row) => row.status === 'applied' || row.status === 'ignored' || row.status === 'failed');

/** One subscription history row per event that changed something: no event's change was recorded twice. */
export async function expectHistoryOncePerEvent(teamId: string) {
  const db = await getDb();
  const history = await db.select({ stripeEventId: subscriptionHistory.stripeEventId }).from(subscriptionHistory).where(eq(subscriptionHistory.teamId, teamId));
  expect(history.length).toBeGreaterThan(1);
  expect(new Set(history.map((row) => row.stripeEventId)).size).toBe(history.length);
}
