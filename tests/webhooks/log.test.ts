// The webhook log (a team's stored Stripe events, their detail, a retry) and the per-project webhook stats, over
// events the emulator delivers through the webhook bridge, and hand-signed ones whose apply fails. The worker's own
// code applies queued events; an event is dead (`failed`) after one attempt here, so a failure is final at once.
import { and, desc, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as eventsRoute from '@/app/api/billstack/teams/[teamId]/webhook-events/route';
import * as eventRoute from '@/app/api/billstack/teams/[teamId]/webhook-events/[eventId]/route';
import * as retryRoute from '@/app/api/billstack/teams/[teamId]/webhook-events/[eventId]/retry/route';
import * as statsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/webhooks/route';
import * as auditLogRoute from '@/app/api/billstack/teams/[teamId]/audit-log/route';
import * as webhookRoute from '@/app/api/billstack/webhooks/stripe/route';
import * as stripeRoute from '@/app/api/billstack/teams/[teamId]/stripe/route';
import { getDb } from '@/db/client';
import { stripeEvents, type StripeEventRow } from '@/db/schema';
import { findConnection, webhookSecretOf, webhookUrl } from '@/lib/stripe/connection';
import { failingThreshold, webhookHealth } from '@/lib/webhooks/log';
import { drainStripeEvents } from '@/lib/worker';
import { call } from '../helpers/http';
import { createCustomerRow, projectParams, projectPath } from '../helpers/catalog';
import { signUp, type TestUser } from '../helpers/fixtures';
import { joinTeam } from '../helpers/members';
import { PAYING_CARD, useStripeEmulator } from '../helpers/stripe';
import { useWebhookBridge } from '../helpers/webhook-bridge';
import { buildWorld, issueApiKey, type World } from '../helpers/world';

const emulator = useStripeEmulator();
useWebhookBridge();
let world: World;
let member: TestUser;
let admin: TestUser;
// Customers made through the API: two in the first project, one in its sibling.
let firstCustomers: { stripeCustomerId: string }[];
let siblingCustomer: { stripeCustomerId: string };

beforeAll(async () => {
  process.env.BILLSTACK_WEBHOOK_MAX_ATTEMPTS = '1';
  world = await buildWorld();
  member = await signUp();
  admin = await signUp();
  await joinTeam(member, world.team.id, 'member');
  await joinTeam(admin, world.team.id, 'admin');
  firstCustomers = [await createCustomerRow(world), await createCustomerRow(world)];
  siblingCustomer = await createCustomerRow({ ...world, project: world.siblingProject });
  await emulator().idle();
});

afterAll(() => {
  delete process.env.BILLSTACK_WEBHOOK_MAX_ATTEMPTS;
});

const logPath = (teamId: string, suffix = '') => `/api/billstack/teams/${teamId}/webhook-events${suffix}`;
const listEvents = (query: Record<string, string | number> = {}, as: TestUser = world.owner, teamId = world.team.id) =>
  call(eventsRoute.GET, logPath(teamId), { params: { teamId }, query, headers: as.headers });
const getEvent = (eventId: string, as: TestUser = world.owner, teamId = world.team.id) =>
  call(eventRoute.GET, logPath(teamId, `/${eventId}`), { params: { teamId, eventId }, headers: as.headers });
const retryEvent = (eventId: string, as: TestUser = world.owner, teamId = world.team.id) =>
  call(retryRoute.POST, logPath(teamId, `/${eventId}/retry`), { method: 'POST', params: { teamId, eventId }, headers: as.headers });

async function storedEvent(stripeEventId: string, teamId = world.team.id): Promise<StripeEventRow> {
  const db = await getDb();
  const [row] = await db.select().from(stripeEvents).where(and(eq(stripeEvents.teamId, teamId), eq(stripeEvents.stripeEventId, stripeEventId)));
  return row;
}

/** Delivers a hand-made event, signed with the team's endpoint secret, straight to the intake (no redelivery). */
async function deliverSigned(event: { id: string; type: string; object: { id: string; object: string }; created?: number }, teamId = world.team.id) {
  const db = await getDb();
  const secret = webhookSecretOf((await findConnection(db, teamId))!);
  const payload = JSON.stringify({
    id: event.id,
    object: 'event',
    type: event.type,
    created: event.created ?? Math.floor(Date.now() / 1000),
    api_version: Stripe.API_VERSION,
    data: { object: event.object },
  });
  return call(webhookRoute.POST, webhookUrl('', teamId), {
    method: 'POST',
    rawBody: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
  });
}

/** Delivers a hand-made event, then lets the worker apply the team's queue. */
async function deliverAndApply(event: Parameters<typeof deliverSigned>[0], teamId = world.team.id) {
  const delivered = await deliverSigned(event, teamId);
  expect(delivered).toMatchObject({ status: 200, body: { status: 'queued' } });
  await drainStripeEvents(await getDb(), teamId);
}

const uniqueEventId = () => `evt_log${Date.now()}${Math.floor(Math.random() * 1e6)}`;

describe('GET /teams/{teamId}/webhook-events', () => {
  it("lists the team's events newest first, with the project each one changed", async () => {
    const res = await listEvents({ type: 'customer.created' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    // The newest is the sibling project's customer, made last.
    expect(res.body.events.map((event: { objectId: string }) => event.objectId)).toEqual([
      siblingCustomer.stripeCustomerId,
      firstCustomers[1].stripeCustomerId,
      firstCustomers[0].stripeCustomerId,
    ]);
    expect(res.body.events[0]).toEqual({
      id: expect.stringMatching(/^whe_/),
      stripeEventId: expect.stringMatching(/^evt_/),
      type: 'customer.created',
      objectId: siblingCustomer.stripeCustomerId,
      projectId: world.siblingProject.id,
      status: 'applied',
      attempts: 1,
      lastError: null,
      receivedAt: expect.any(String),
      appliedAt: expect.any(String),
    });
    expect(res.body.events[1].projectId).toBe(world.project.id);
    const times = res.body.events.map((event: { receivedAt: string }) => event.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by object id and status, and pages with limit and offset', async () => {
    const byObject = await listEvents({ objectId: firstCustomers[0].stripeCustomerId });
    expect(byObject.body).toMatchObject({ total: 1, events: [{ type: 'customer.created', projectId: world.project.id }] });

    const all = await listEvents({ type: 'customer.created' });
    const second = await listEvents({ type: 'customer.created', limit: 1, offset: 1 });
    expect(second.body).toEqual({ total: 3, events: [all.body.events[1]] });

    const failed = await listEvents({ status: 'failed', type: 'customer.created' });
    expect(failed.body).toEqual({ total: 0, events: [] });
  });

  it('refuses bad filters with 400', async () => {
    const queries: Record<string, string | number>[] = [{ status: 'lost' }, { type: 'DROP TABLE' }, { limit: 0 }, { offset: -1 }, { unknown: 'x' }];
    for (const query of queries) {
      const res = await listEvents(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body).toMatchObject({ error: expect.any(String), code: 'validation_error' });
    }
  });

  it("shows another team's owner only their own team's events", async () => {
    const other = await listEvents({}, world.otherOwner, world.otherTeam.id);
    expect(other.status).toBe(200);
    const ours = new Set((await listEvents({ limit: 100 })).body.events.map((event: { id: string }) => event.id));
    expect(other.body.events.filter((event: { id: string }) => ours.has(event.id))).toEqual([]);
  });

  it('is open to admins and refused to plain members', async () => {
    expect((await listEvents({}, admin)).status).toBe(200);
    expect(await listEvents({}, member)).toMatchObject({ status: 403, body: { error: 'This action requires the owner or admin role', code: 'role_required' } });
  });
});

describe('GET /teams/{teamId}/webhook-events/{id}', () => {
  it('answers the event with the payload Stripe signed', async () => {
    const [listed] = (await listEvents({ objectId: siblingCustomer.stripeCustomerId })).body.events;
    const res = await getEvent(listed.id);
    expect(res.status).toBe(200);
    expect(res.body.event).toEqual({ ...listed, payload: expect.objectContaining({ id: listed.stripeEventId, type: 'customer.created' }) });
    expect(res.body.event.payload.data.object.id).toBe(siblingCustomer.stripeCustomerId);
  });

  it("is 404 for another team's event, and for an id that cannot exist", async () => {
    const [listed] = (await listEvents({ limit: 1 })).body.events;
    expect(await getEvent(listed.id, world.otherOwner, world.otherTeam.id)).toMatchObject({ status: 404, body: { error: 'Webhook event not found', code: 'webhook_event_not_found' } });
    expect(await retryEvent(listed.id, world.otherOwner, world.otherTeam.id)).toMatchObject({ status: 404 });
    expect(await getEvent('not-an-event')).toMatchObject({ status: 404, body: { error: 'Webhook event not found', code: 'webhook_event_not_found' } });
  });
});

describe('POST /teams/{teamId}/webhook-events/{id}/retry', () => {
  it('applies a failed event again once Stripe answers, and records who asked', async () => {
    const customer = firstCustomers[0];
    const stripeEventId = uniqueEventId();
    // Stripe fails the apply's read of the customer once.
    emulator().injectFaults(world.stripeAccount!.secretKey, { count: 1, status: 500 });
    await deliverAndApply({ id: stripeEventId, type: 'customer.updated', object: { id: customer.stripeCustomerId, object: 'customer' } });
    const failed = await storedEvent(stripeEventId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, projectId: null });
    expect((await listEvents({ status: 'failed', objectId: customer.stripeCustomerId })).body).toMatchObject({
      total: 1,
      events: [{ id: failed.id, lastError: expect.any(String) }],
    });

    const res = await retryEvent(failed.id);
    expect(res.status).toBe(202);
    expect(res.body.event).toMatchObject({ id: failed.id, status: 'pending', attempts: 1 });
    await drainStripeEvents(await getDb(), world.team.id);
    const retried = await storedEvent(stripeEventId);
    expect(retried).toMatchObject({ status: 'applied', attempts: 2, lastError: null, projectId: world.project.id });
    expect(retried.nextAttemptAt).toBeNull();

    const audit = await call(auditLogRoute.GET, `/api/billstack/teams/${world.team.id}/audit-log`, {
      params: { teamId: world.team.id },
      query: { action: 'webhook_event.retried' },
      headers: world.owner.headers,
    });
    expect(audit.body.events).toEqual([
      expect.objectContaining({ action: 'webhook_event.retried', target: { type: 'webhookEvent', id: failed.id }, actor: expect.objectContaining({ id: world.owner.id }) }),
    ]);
  });

  it('keeps an event that fails again failed, with one more attempt', async () => {
    const stripeEventId = uniqueEventId();
    // An invoice Stripe does not have: every apply fails on its read.
    await deliverAndApply({ id: stripeEventId, type: 'invoice.paid', object: { id: 'in_doesnotexist', object: 'invoice' } });
    const failed = await storedEvent(stripeEventId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });

    const res = await retryEvent(failed.id, admin);
    expect(res.status).toBe(202);
    await drainStripeEvents(await getDb(), world.team.id);
    expect(await storedEvent(stripeEventId)).toMatchObject({ status: 'failed', attempts: 2, lastError: expect.stringMatching(/in_doesnotexist/) });
  });

  it('refuses an applied event, and a queued one, with 409', async () => {
    const [applied] = (await listEvents({ status: 'applied', limit: 1 })).body.events;
    expect(await retryEvent(applied.id)).toMatchObject({ status: 409, body: { error: 'The event is applied; only failed or ignored events can be retried', code: 'conflict' } });

    const stripeEventId = uniqueEventId();
    await deliverAndApply({ id: stripeEventId, type: 'invoice.paid', object: { id: 'in_stillmissing', object: 'invoice' } });
    const failed = await storedEvent(stripeEventId);
    // What a queue worker's claim looks like.
    const db = await getDb();
    await db.update(stripeEvents).set({ status: 'processing' }).where(eq(stripeEvents.id, failed.id));
    expect(await retryEvent(failed.id)).toMatchObject({ status: 409, body: { error: 'The event is processing; only failed or ignored events can be retried', code: 'conflict' } });
    expect(await storedEvent(stripeEventId)).toMatchObject({ status: 'processing', attempts: 1 });
  });

  it('refuses a team no longer connected to Stripe with 409, leaving the event as it was', async () => {
    const stripeEventId = uniqueEventId();
    const teamId = world.otherTeam.id;
    await deliverAndApply({ id: stripeEventId, type: 'invoice.paid', object: { id: 'in_disconnected', object: 'invoice' } }, teamId);
    const failed = await storedEvent(stripeEventId, teamId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    const disconnected = await call(stripeRoute.DELETE, `/api/billstack/teams/${teamId}/stripe`, { method: 'DELETE', params: { teamId }, headers: world.otherOwner.headers });
    expect(disconnected.status).toBe(200);
    expect(await retryEvent(failed.id, world.otherOwner, teamId)).toMatchObject({ status: 409, body: { error: 'Stripe is not connected for this team', code: 'stripe_not_connected' } });
    expect(await storedEvent(stripeEventId, teamId)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('is refused to plain members, leaving the event as it was', async () => {
    const stripeEventId = uniqueEventId();
    await deliverAndApply({ id: stripeEventId, type: 'invoice.paid', object: { id: 'in_membertry', object: 'invoice' } });
    const failed = await storedEvent(stripeEventId);
    expect(await retryEvent(failed.id, member)).toMatchObject({ status: 403 });
    expect(await storedEvent(stripeEventId)).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(sorted: number[], fraction: number): number {
  const rank = fraction * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

describe('GET /projects/{projectId}/analytics/webhooks', () => {
  const statsOf = (project: { id: string }, query: Record<string, string>, headers = world.owner.headers, teamId = world.team.id) =>
    call(statsRoute.GET, projectPath({ ...world, team: { id: teamId }, project }, '/analytics/webhooks'), {
      params: projectParams({ ...world, team: { id: teamId }, project }),
      query,
      headers,
    });

  /** The project's applied events' delays, in ms, from the stored rows. */
  async function delaysOf(projectId: string) {
    const db = await getDb();
    const rows = await db.select().from(stripeEvents).where(and(eq(stripeEvents.teamId, world.team.id), eq(stripeEvents.projectId, projectId)));
    return { rows, delays: rows.map((row) => row.appliedAt!.getTime() - row.stripeCreatedAt.getTime()).sort((a, b) => a - b) };
  }

  /** Stripe's day of the customers made through the API (the back-dated updates below come before it). */
  const dayOfCreation = (rows: StripeEventRow[]) => rows.find((row) => row.type === 'customer.created')!.stripeCreatedAt.toISOString().slice(0, 10);

  it("counts each project's events by Stripe's day, with the delay percentiles", async () => {
    const { rows, delays } = await delaysOf(world.project.id);
    // Two customers made, and the retried customer update applied to the first project.
    expect(rows.map((row) => row.type).sort()).toEqual(['customer.created', 'customer.created', 'customer.updated']);
    const day = dayOfCreation(rows);
    // Stripe counted one redelivery of the first event (the queue intake counts them; set here directly).
    const db = await getDb();
    await db.update(stripeEvents).set({ duplicates: 2 }).where(eq(stripeEvents.id, rows[0].id));
    const before = new Date(Date.parse(day) - 2 * 86_400_000).toISOString().slice(0, 10);

    const res = await statsOf(world.project, { from: before, to: day, interval: 'day' });
    expect(res.status).toBe(200);
    const [p50, p95] = [percentile(delays, 0.5), percentile(delays, 0.95)];
    const empty = { received: 0, applied: 0, failed: 0, pending: 0, duplicates: 0, p50DelayMs: null, p95DelayMs: null };
    expect(res.body.webhooks.series.slice(0, 2)).toEqual([
      { date: before, ...empty },
      { date: new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10), ...empty },
    ]);
    const today = res.body.webhooks.series[2];
    expect(today).toMatchObject({ date: day, received: 3, applied: 3, failed: 0, pending: 0, duplicates: 2 });
    // The stored times carry microseconds, Date only milliseconds.
    expect(Math.abs(today.p50DelayMs - p50)).toBeLessThanOrEqual(1);
    expect(Math.abs(today.p95DelayMs - p95)).toBeLessThanOrEqual(1);
    expect(res.body.webhooks.byType).toEqual([
      { type: 'customer.created', received: 2, failed: 0 },
      { type: 'customer.updated', received: 1, failed: 0 },
    ]);

    const sibling = await statsOf(world.siblingProject, { from: day, to: day, interval: 'month' });
    const siblingDelays = (await delaysOf(world.siblingProject.id)).delays;
    expect(sibling.body.webhooks).toEqual({
      series: [{ date: day, received: 1, applied: 1, failed: 0, pending: 0, duplicates: 0, p50DelayMs: expect.any(Number), p95DelayMs: expect.any(Number) }],
      byType: [{ type: 'customer.created', received: 1, failed: 0 }],
    });
    expect(Math.abs(sibling.body.webhooks.series[0].p50DelayMs - siblingDelays[0])).toBeLessThanOrEqual(1);
  });

  it("puts each event in the interval of Stripe's `created`, whenever it arrived", async () => {
    const { rows } = await delaysOf(world.project.id);
    const day = dayOfCreation(rows);
    const daysBefore = (days: number) => new Date(Date.parse(day) - days * 86_400_000);
    const customer = firstCustomers[1];
    // Stripe made two updates of the customer 3 days ago (noon) and one 2 days ago; they arrive now.
    const created = [daysBefore(3), daysBefore(3), daysBefore(2)].map((date) => date.getTime() / 1000 + 12 * 3600);
    for (const seconds of created) {
      await deliverAndApply({ id: uniqueEventId(), type: 'customer.updated', object: { id: customer.stripeCustomerId, object: 'customer' }, created: seconds });
    }
    const iso = (date: Date) => date.toISOString().slice(0, 10);
    const res = await statsOf(world.project, { from: iso(daysBefore(3)), to: day, interval: 'day' });
    expect(res.body.webhooks.series.map((point: { date: string; received: number; applied: number }) => [point.date, point.received, point.applied])).toEqual([
      [iso(daysBefore(3)), 2, 2],
      [iso(daysBefore(2)), 1, 1],
      [iso(daysBefore(1)), 0, 0],
      [day, 3, 3],
    ]);
    // The first day's percentiles are over its two events' delays alone.
    const firstDay = (await delaysOf(world.project.id)).rows
      .filter((row) => iso(row.stripeCreatedAt) === iso(daysBefore(3)))
      .map((row) => row.appliedAt!.getTime() - row.stripeCreatedAt.getTime())
      .sort((a, b) => a - b);
    expect(Math.abs(res.body.webhooks.series[0].p50DelayMs - (firstDay[0] + firstDay[1]) / 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(res.body.webhooks.series[0].p95DelayMs - percentile(firstDay, 0.95))).toBeLessThanOrEqual(1);
    // Whatever the interval, every event of the range is counted once.
    const month = await statsOf(world.project, { from: iso(daysBefore(3)), to: day, interval: 'month' });
    expect(month.body.webhooks.series.reduce((sum: number, point: { received: number }) => sum + point.received, 0)).toBe(6);
    expect(month.body.webhooks.byType).toEqual([
      { type: 'customer.updated', received: 4, failed: 0 },
      { type: 'customer.created', received: 2, failed: 0 },
    ]);
  });

  it('buckets a week or a month from the first day of the range', async () => {
    const { rows } = await delaysOf(world.project.id);
    const day = dayOfCreation(rows);
    const res = await statsOf(world.project, { from: day, to: day, interval: 'week' });
    expect(res.body.webhooks.series).toEqual([expect.objectContaining({ date: day, received: 3 })]);
  });

  it('counts a pending event, and one being processed, as pending', async () => {
    const { rows } = await delaysOf(world.siblingProject.id);
    const db = await getDb();
    // What the queue leaves while it works: the sibling's one event claimed again.
    await db.update(stripeEvents).set({ status: 'processing' }).where(eq(stripeEvents.id, rows[0].id));
    const day = dayOfCreation(rows);
    const res = await statsOf(world.siblingProject, { from: day, to: day });
    expect(res.body.webhooks.series).toEqual([
      { date: day, received: 1, applied: 0, failed: 0, pending: 1, duplicates: 0, p50DelayMs: null, p95DelayMs: null },
    ]);
    await db.update(stripeEvents).set({ status: 'applied' }).where(eq(stripeEvents.id, rows[0].id));
  });

  it("is 404 for another team's project and for a key of another project", async () => {
    expect(await statsOf(world.otherProject, {})).toMatchObject({ status: 404 });
    const siblingKey = await issueApiKey(world.owner, world.team.id, { projectIds: [world.siblingProject.id], scopes: ['analytics:read'] });
    expect(await statsOf(world.project, {}, siblingKey.headers)).toMatchObject({ status: 404, body: { error: 'Project not found', code: 'project_not_found' } });
    expect(await statsOf(world.siblingProject, {}, siblingKey.headers)).toMatchObject({ status: 200 });
  });

  it('refuses a bad range with 400', async () => {
    const queries: Record<string, string>[] = [{ from: '2026-13-01' }, { from: '2026-02-02', to: '2026-02-01' }, { interval: 'hour' }, { currency: 'usd' }];
    for (const query of queries) {
      const res = await statsOf(world.project, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
    }
  });
});

describe('webhookHealth (the dashboard banner)', () => {
  it('warns once 3 events received in the last day have failed', async () => {
    const db = await getDb();
    const failingNow = async () => (await webhookHealth(db, world.team.id)).failing;
    // Two failed so far (the invoices Stripe does not have); one more reaches the threshold.
    const before = await db.select().from(stripeEvents).where(and(eq(stripeEvents.teamId, world.team.id), eq(stripeEvents.status, 'failed')));
    expect(before).toHaveLength(failingThreshold - 1);
    expect(await failingNow()).toBe(0);
    await deliverAndApply({ id: uniqueEventId(), type: 'invoice.paid', object: { id: 'in_third', object: 'invoice' } });
    expect(await failingNow()).toBe(failingThreshold);
    // A day later the same failures no longer count.
    expect((await webhookHealth(db, world.team.id, new Date(Date.now() + 86_400_000 + 60_000))).failing).toBe(0);
  });

  it('warns when no event has arrived for a day while subscriptions are live', async () => {
    const db = await getDb();
    const { stripe } = world.stripeAccount!;
    const customer = await stripe.customers.create({ email: 'quiet@example.com', ...PAYING_CARD });
    const price = await stripe.prices.create({ product_data: { name: 'Quiet' }, unit_amount: 1000, currency: 'usd', recurring: { interval: 'month' } });
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await emulator().idle();
    const [latest] = await db.select().from(stripeEvents).where(eq(stripeEvents.teamId, world.team.id)).orderBy(desc(stripeEvents.receivedAt)).limit(1);

    expect((await webhookHealth(db, world.team.id)).silentSince).toBeNull();
    const dayLater = new Date(latest.receivedAt.getTime() + 86_400_000 + 1000);
    expect((await webhookHealth(db, world.team.id, dayLater)).silentSince).toEqual(latest.receivedAt);
    // The other team has no subscription: its silence is no warning.
    expect((await webhookHealth(db, world.otherTeam.id, dayLater)).silentSince).toBeNull();
  });
});
