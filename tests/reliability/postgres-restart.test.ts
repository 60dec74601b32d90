// PostgreSQL restarted in the middle of the load, on a cluster of this file's own: API clients creating
// customers with Idempotency-Keys and retrying as a SaaS backend does, and activity in Stripe whose webhooks the
// emulator delivers, before, through and after a few seconds of outage. The server stays up and answers 503
// while the database is gone, readiness goes down and back up, and afterwards every customer exists once here
// and in Stripe, every event is stored and applied once, and the rows equal Stripe's state.
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../e2e/helpers/api';
import { expectRowsMatchStripe } from '../helpers/mirror';
import { expectHistoryOncePerEvent, recordedEvents, settled, storedEvents } from '../helpers/stripe-events';
import { PAYING_CARD } from '../helpers/stripe';
import { expectCustomersMatchStripe, expectOneCustomer, postUntilDone, recordFigure, useReliabilityProject, waitFor } from './helpers';
import { usePrivatePostgres } from './private-postgres';

const postgres = usePrivatePostgres();
const world = useReliabilityProject('Restart Inc');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const outageMs = 3000;
const writers = 3;

interface Probe {
  at: number;
  answeredAt: number;
  status: number;
  code?: string;
  retryAfter: string | null;
  ready?: boolean;
}

/** GETs `path` every 100 ms while `running()`: what a load balancer (or a client reading) sees meanwhile. */
async function probe(path: string, headers: Record<string, string>, running: () => boolean): Promise<Probe[]> {
  const seen: Probe[] = [];
  while (running()) {
    const at = Date.now();
    const res = await fetch(`${world.server.baseURL}${path}`, { headers });
    const body = (await res.json()) as { code?: string; ready?: boolean };
    seen.push({ at, answeredAt: Date.now(), status: res.status, code: body.code, retryAfter: res.headers.get('retry-after'), ready: body.ready });
    await sleep(100);
  }
  return seen;
}

describe('PostgreSQL restart', () => {
  it('under load: 503 while it is down, ready again after, every customer and event exactly once', async () => {
    const { stripe, project } = world;
    let loading = true;
    const running = () => loading;

    // Clients of the API: each creates customers one after another, retrying each with its key until answered.
    const created: { email: string; key: string; result: ApiResult; answers: (ApiResult | null)[] }[] = [];
    const writer = async (w: number) => {
      for (let i = 0; loading; i++) {
        const email = `restart-${w}-${i}@example.com`;
        const key = `restart-${w}-${i}`;
        created.push({ email, key, ...(await postUntilDone(world.api, `${project.projectPath}/customers`, { email }, key)) });
      }
    };
    // Activity in Stripe itself, whose events the emulator delivers (and delivers again while the intake answers 503).
    const stripeActivity = async () => {
      const payer = await stripe.customers.create({ email: 'restart-payer@example.com', ...PAYING_CARD });
      const product = await stripe.products.create({ name: 'Restart' });
      const price = await stripe.prices.create({ product: product.id, unit_amount: 1500, currency: 'usd', recurring: { interval: 'month' } });
      const subscription = await stripe.subscriptions.create({ customer: payer.id, items: [{ price: price.id }] });
      for (let quantity = 2; loading; quantity++) {
        await stripe.customers.create({ email: `restart-stripe-${quantity}@example.com` });
        await stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0].id, quantity }], proration_behavior: 'none' });
        await sleep(250);
      }
    };
    const load = Promise.all([...Array.from({ length: writers }, (_, w) => writer(w)), stripeActivity()]);
    const probes = Promise.all([
      probe('/api/health', {}, running),
      probe('/api/health/ready', {}, running),
      probe(`${project.projectPath}/customers?limit=1`, world.api().headers, running),
    ]);

    await waitFor(() => created.length >= writers, 'the load to be under way');
    const { downAt, stoppedAt, startingAt, upAt } = await postgres().restart(outageMs);
    await sleep(3000);
    loading = false;
    const stoppedLoading = Date.now();
    await load;
    // No request left hanging on a connection the restart broke: the writers' last creations finish in moments.
    expect(Date.now() - stoppedLoading).toBeLessThan(10_000);
    const [live, ready, reads] = await probes;

    // The process never went away: its liveness, which asks nothing of the database, answered every probe.
    expect(live.length).toBeGreaterThan(20);
    expect(live.filter((seen) => seen.status !== 200)).toEqual([]);
    // Nor did anything escape it (the driver threw from a timer on a closed connection: patches/postgres+3.4.9.patch).
    expect(world.server.output()).not.toContain('uncaughtException');
    // Asked and answered while the database was certainly down: a 503 a client can act on, never a 500.
    const whileDown = (seen: Probe) => seen.at > stoppedAt && seen.answeredAt < startingAt;
    expect(reads.filter(whileDown).length).toBeGreaterThan(1);
    for (const seen of reads.filter(whileDown)) expect(seen).toMatchObject({ status: 503, code: 'service_unavailable', retryAfter: '1' });
    expect(reads.filter((seen) => seen.status !== 200 && seen.status !== 503)).toEqual([]);
    // Readiness went down with it, and came back for good.
    expect(ready.filter(whileDown).length).toBeGreaterThan(1);
    for (const seen of ready.filter(whileDown)) expect(seen).toMatchObject({ status: 503, code: 'service_unavailable', ready: false });
    const readyAgain = ready.find((seen) => seen.at > stoppedAt && seen.status === 200)!;
    expect(readyAgain.answeredAt).toBeGreaterThan(startingAt);
    expect(ready.filter((seen) => seen.at >= readyAgain.at && seen.status !== 200)).toEqual([]);
    const readAgain = reads.find((seen) => seen.at > stoppedAt && seen.status === 200)!;
    expect(reads.filter((seen) => seen.at >= readAgain.at && seen.status !== 200)).toEqual([]);
    // Back within moments of the database, not after the driver's backoff (which grew to 20 s).
    expect(Math.max(readyAgain.answeredAt, readAgain.answeredAt) - upAt).toBeLessThan(3000);

    // Each write ended in a 201; on the way only 503s, or 409 for a key an attempt cut by the outage still held
    // (taken over once its lease runs out).
    for (const { result, answers } of created) {
      expect(result).toMatchObject({ status: 201 });
      for (const answer of answers.slice(0, -1)) expect(['503 service_unavailable', '409 idempotency_key_in_use']).toContain(`${answer?.status} ${answer?.body?.code}`);
    }
    const retried = created.filter(({ answers }) => answers.length > 1);
    expect(retried.length).toBeGreaterThan(0);

    // Afterwards: each customer once, here and in Stripe, and its key replays the first answer.
    await world.emulator.idle();
    await waitFor(() => settled(project.teamId), 'every event to be applied', 60_000);
    for (const { email, key, result } of created) {
      const inStripe = await expectOneCustomer(stripe, project.projectId, email);
      expect(result.body.customer).toMatchObject({ email, stripeCustomerId: inStripe.id, id: inStripe.metadata.billstack_id });
      expect(await world.api().request('POST', `${project.projectPath}/customers`, { email }, { 'idempotency-key': key })).toEqual(result);
    }
    // No orphan row, no Stripe customer without its row (those made in Stripe come in by their webhooks).
    await expectCustomersMatchStripe(stripe, project.projectId);
    // Every event the account produced stored once and applied once, and the rows equal Stripe's state.
    const events = await recordedEvents(stripe);
    const rows = await storedEvents(project.teamId);
    expect(rows.map((row) => row.stripeEventId).sort()).toEqual(events.map((event) => event.id).sort());
    for (const row of rows) expect(row, row.type).toMatchObject({ status: expect.stringMatching(/^(applied|ignored)$/), lockedUntil: null });
    await expectRowsMatchStripe({ team: { id: project.teamId }, stripe });
    await expectHistoryOncePerEvent(project.teamId);

    const refused = reads.filter((seen) => seen.status === 503);
    recordFigure('restart', 'PostgreSQL down (fast shutdown until accepting again)', `${upAt - downAt} ms`);
    recordFigure('restart', 'ready again / API answering again after PostgreSQL started', `${readyAgain.answeredAt - startingAt} / ${readAgain.answeredAt - startingAt} ms`);
    recordFigure('restart', 'API reads: first 503 to the first 200 again', `${readAgain.answeredAt - refused[0].at} ms`);
    recordFigure('restart', 'API reads answered 503 (slowest 503)', `${refused.length} (${Math.max(...refused.map((seen) => seen.answeredAt - seen.at))} ms)`);
    recordFigure(
      'restart',
      'customers created through the restart (retried, most attempts)',
      `${created.length} (${retried.length}, ${Math.max(...created.map(({ answers }) => answers.length))})`,
    );
    recordFigure('restart', 'events stored and applied once (attempted more than once)', `${rows.length} (${rows.filter((row) => row.attempts > 1).length})`);
  });
});
