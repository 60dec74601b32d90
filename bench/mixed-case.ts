import crypto from 'node:crypto';
import Stripe from 'stripe';
import { webhookUrl } from '../lib/stripe/connection';
import type { StripeEmulator } from '../stripe-emulator/server';
import { createBenchDatabase } from './database';
import { isRefusal, measureAtOnce, type Measurement, type MixTarget } from './load';
import { startNextServer } from './next-server';
import { sleep } from './processes';
import { count, ms, table } from './report';
import { connectStripe, seedTenant, type Tenant } from './seed';
import { CustomerEventStream, createCustomerPool } from './stripe-events';
import { onTeardown } from './teardown';
import { eventTarget, webhookSecretOf } from './webhook-case';

export interface LoadCaseResult {
  seconds: number;
  /** Requests per second of the whole mixed load, as sent. */
  rate: number;
  mixed: { targets: Measurement[]; total: Measurement };
  overloadSeconds: number;
  overloadConnections: number;
  overload: { targets: Measurement[]; total: Measurement };
  /** Whether the server process was still running after the overload. */
  alive: boolean;
  /** From the end of the overload until each answered 200 again; null when it did not within `recoveryLimitMs`. */
  readyAfterMs: number | null;
  keyedReadAfterMs: number | null;
}

const recoveryLimitMs = 30_000;
/** Stripe customers the webhook events are about (the intake and the worker re-read each one from the emulator). */
const eventCustomers = 200;

/** Each kind of traffic's share of the mixed load's requests per second. */
const mix = { customer: 0.4, list: 0.15, create: 0.02, webhook: 0.38, ready: 0.05 };

/** A keyed POST creating a new customer (in the emulator too) under its own Idempotency-Key, as an API client does. */
function createCustomerTarget(customersUrl: string, apiKey: string): MixTarget {
  let created = 0;
  return {
    label: 'POST customers (keyed, creates in Stripe)',
    url: customersUrl,
    method: 'POST',
    connections: 2,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    nextRequest: () => {
      created += 1;
      const email = `load-${created}-${crypto.randomBytes(4).toString('hex')}@example.com`;
      return { body: JSON.stringify({ email, name: `Load ${created}` }), headers: { 'idempotency-key': crypto.randomUUID() } };
    },
  };
}

/** Customers made through the API before the load, so the keyed reads find one and the list a full page. */
async function createCustomers(customersUrl: string, apiKey: string, count: number): Promise<string> {
  let firstId = '';
  for (let i = 0; i < count; i += 1) {
    const res = await fetch(customersUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: `seed-${i}@example.com`, name: `Seed ${i}` }),
    });
    const body = await res.text();
    if (res.status !== 201) throw new Error(`POST customers answered ${res.status}: ${body}`);
    firstId ||= (JSON.parse(body) as { customer: { id: string } }).customer.id;
  }
  return firstId;
}

/** Milliseconds until `url` answers 200, polled; null when it does not within `recoveryLimitMs`. */
async function timeUntilOk(url: string, headers: Record<string, string>, since: number): Promise<number | null> {
  while (performance.now() - since < recoveryLimitMs) {
    const status = await fetch(url, { headers }).then(
      async (res) => (await res.arrayBuffer(), res.status),
      () => null,
    );
    if (status === 200) return performance.now() - since;
    await sleep(20);
  }
  return null;
}

/**
 * The server as it runs in production (its in-process worker applying the delivered events), on a database of
 * its own, under three phases: a mixed load at a bounded rate (keyed reads, lists and creations, Stripe webhook
 * deliveries, readiness probes) for `seconds`; an overload of `overloadConnections` clients each sending as fast
 * as it is answered; and the recovery, timed from the end of the overload until readiness and a keyed read answer
 * 200 again.
 */
export async function runLoadCase(opts: {
  pgAdminUrl: string;
  emulator: StripeEmulator;
  encryptionKey: string;
  seconds: number;
  warmupSeconds: number;
  rate: number;
  connections: number;
  overloadSeconds: number;
  overloadConnections: number;
}): Promise<LoadCaseResult> {
  const { emulator, rate } = opts;
  const database = await createBenchDatabase(opts.pgAdminUrl);
  onTeardown('drop the load case database', database.drop);
  const server = await startNextServer({
    databaseUrl: database.url,
    stripeApiBase: emulator.url,
    encryptionKey: opts.encryptionKey,
    env: {
      BILLSTACK_WORKER: 'on',
      // One bench key stands for all of a tenant's clients: its limit is kept above the mixed load's keyed rate
      // (which must be served), so that the overload meets the server's own protection, not only the key's.
      API_KEY_RATE_LIMIT: String(Math.max(100, Math.ceil(rate * 2))),
    },
  });
  onTeardown('stop the load case server', server.stop);
  try {
    const tenant: Tenant = await seedTenant(server.origin);
    const secretKey = `sk_test_${crypto.randomBytes(12).toString('hex')}`;
    const stripe = new Stripe(secretKey, { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    const stripeCustomers = await createCustomerPool(stripe, tenant.projectId, eventCustomers);
    await connectStripe(server.origin, tenant, secretKey);
    const secret = await webhookSecretOf(database.url, tenant.teamId);

    const projectUrl = `${server.origin}/api/billstack/teams/${tenant.teamId}/projects/${tenant.projectId}`;
    const customersUrl = `${projectUrl}/customers`;
    const customerId = await createCustomers(customersUrl, tenant.apiKey, 20);
    const keyed = { authorization: `Bearer ${tenant.apiKey}` };
    const customerUrl = `${customersUrl}/${customerId}`;
    const intakeUrl = webhookUrl(server.origin, tenant.teamId);
    const readyUrl = `${server.origin}/api/health/ready`;
    const webhooks = (label: string) => eventTarget(label, intakeUrl, new CustomerEventStream(stripeCustomers, 0.2), secret);
    const paced = (share: number, connections = opts.connections) => ({ connections, overallRate: Math.max(1, Math.round(rate * share)) });

    const mixed = await measureAtOnce(
      [
        { label: 'GET customers/{id} (keyed)', url: customerUrl, headers: keyed, ...paced(mix.customer) },
        { label: 'GET customers (keyed list)', url: customersUrl, headers: keyed, ...paced(mix.list) },
        { ...createCustomerTarget(customersUrl, tenant.apiKey), ...paced(mix.create, 2) },
        { ...webhooks('POST webhook intake'), ...paced(mix.webhook) },
        { label: 'GET /api/health/ready', url: readyUrl, ...paced(mix.ready, 2) },
      ],
      opts.seconds,
      opts.warmupSeconds,
    );

    const crowd = (share: number) => ({ connections: Math.max(1, Math.round(opts.overloadConnections * share)) });
    const overload = await measureAtOnce(
      [
        { label: 'GET customers/{id} (keyed)', url: customerUrl, headers: keyed, ...crowd(0.5) },
        { label: 'GET customers (keyed list)', url: customersUrl, headers: keyed, ...crowd(0.2) },
        { ...webhooks('POST webhook intake'), ...crowd(0.3) },
      ],
      opts.overloadSeconds,
      0,
    );
    const overEnd = performance.now();
    const [readyAfterMs, keyedReadAfterMs] = await Promise.all([timeUntilOk(readyUrl, {}, overEnd), timeUntilOk(customerUrl, keyed, overEnd)]);
    return {
      seconds: opts.seconds,
      rate,
      mixed,
      overloadSeconds: opts.overloadSeconds,
      overloadConnections: opts.overloadConnections,
      overload,
      alive: server.alive(),
      readyAfterMs,
      keyedReadAfterMs,
    };
  } finally {
    await server.stop();
  }
}

const percent = (part: number, whole: number) => `${whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1)} %`;

/** Answers by kind: served, refused for now (429, 503), and anything else. */
function answers(m: Measurement) {
  let ok = 0;
  let tooMany = 0;
  let unavailable = 0;
  let other = 0;
  for (const [status, n] of m.statuses) {
    if (status >= 200 && status <= 299) ok += n;
    else if (status === 429) tooMany += n;
    else if (status === 503) unavailable += n;
    else other += n;
  }
  return { ok, tooMany, unavailable, other, all: ok + tooMany + unavailable + other };
}

function row(phase: string, m: Measurement): string[] {
  const a = answers(m);
  return [phase, m.label, count(m.requestsPerSecond), ms(m.p50Ms), ms(m.p99Ms), count(a.ok), count(a.tooMany), count(a.unavailable), count(a.other), count(m.errors), ms(m.refusalP99Ms)];
}

const recovered = (afterMs: number | null) => (afterMs === null ? `not within ${recoveryLimitMs / 1000} s` : `${count(afterMs)} ms`);

export function printLoadResults(result: LoadCaseResult): void {
  const { mixed, overload } = result;
  const rows = [...mixed.targets, mixed.total].map((m) => row('mixed', m));
  rows.push(...[...overload.targets, overload.total].map((m) => row('overload', m)));
  console.log(
    `\n${table(['phase', 'target', 'req/s', 'p50 ms', 'p99 ms', '2xx', '429', '503', 'other', 'errors', 'refusal p99 ms'], rows)}\n`,
  );
  const m = answers(mixed.total);
  console.log(
    `load     mixed, ${result.seconds} s at ${count(result.rate)} req/s sent (worker on): ${count(mixed.total.requestsPerSecond)} req/s answered, ` +
      `error rate ${percent(m.all - m.ok + mixed.total.errors, m.all + mixed.total.errors)}, p50 ${ms(mixed.total.p50Ms)} ms, p99 ${ms(mixed.total.p99Ms)} ms` +
      // Each target's clients wait for their answers: a server slower than the pace sets it lower.
      (mixed.total.requestsPerSecond < 0.9 * result.rate ? ' (the server did not keep the pace)' : ''),
  );
  const o = answers(overload.total);
  console.log(
    `load     overload, ${result.overloadConnections} connections for ${result.overloadSeconds} s: ${count(overload.total.requestsPerSecond)} answers/s; ` +
      `2xx ${percent(o.ok, o.all)}, 429 ${percent(o.tooMany, o.all)}, 503 ${percent(o.unavailable, o.all)}, other ${percent(o.other, o.all)}, ` +
      `${count(overload.total.errors)} connection errors/timeouts; refusals p99 ${ms(overload.total.refusalP99Ms)} ms; ` +
      `server ${result.alive ? 'still running' : 'DEAD'}`,
  );
  console.log(`load     recovery after the overload: /api/health/ready 200 after ${recovered(result.readyAfterMs)}, keyed GET 200 after ${recovered(result.keyedReadAfterMs)}`);
}

/**
 * What broke: under the bounded load any answer but 2xx other than a refusal for now (those are printed, a busy
 * machine may cause them); under overload any answer but 2xx, 429 or 503; a crash; no recovery.
 */
export function loadFailures(result: LoadCaseResult): string[] {
  const failures: string[] = [];
  const broken = (m: Measurement) => [...m.statuses].filter(([status]) => (status < 200 || status > 299) && !isRefusal(status));
  for (const [phase, measurements] of [['mixed', result.mixed.targets], ['overload', result.overload.targets]] as const) {
    for (const m of measurements) {
      const statuses = broken(m);
      if (statuses.length > 0) {
        failures.push(`${phase} ${m.label}: answered ${statuses.map(([status, n]) => `${n} × ${status}`).join(', ')}; first failure: ${m.firstFailure}`);
      }
    }
  }
  for (const m of result.mixed.targets) if (m.errors > 0) failures.push(`mixed ${m.label}: ${m.errors} connection errors or timeouts`);
  if (!result.alive) failures.push('the server process died under the overload');
  if (result.readyAfterMs === null) failures.push(`/api/health/ready did not answer 200 within ${recoveryLimitMs / 1000} s of the overload's end`);
  if (result.keyedReadAfterMs === null) failures.push(`a keyed GET did not answer 200 within ${recoveryLimitMs / 1000} s of the overload's end`);
  return failures;
}
