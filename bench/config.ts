/** Everything a bench run can be told through the environment, read once. */

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function share(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0 || value >= 1) throw new Error(`${name} must be a share in [0, 1), got "${raw}"`);
  return value;
}

/** The bench starts and talks to servers on loopback only: a remote PG_ADMIN_URL is refused, not used. */
function loopbackUrl(name: string, fallback: string): string {
  const url = process.env[name] || fallback;
  const { hostname } = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) {
    throw new Error(`${name} must point at a loopback address (127.0.0.1), got ${hostname}`);
  }
  return url;
}

const benchCases = ['api', 'analytics', 'load'] as const;

/** BENCH_CASES: a comma list of `api` (keyed routes, auth, webhooks), `analytics` and `load` (mixed traffic, overload); all by default. */
function cases(): Set<(typeof benchCases)[number]> {
  const raw = process.env.BENCH_CASES || benchCases.join(',');
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(benchCases as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_CASES lists unknown cases: ${unknown.join(', ')} (known: ${benchCases.join(', ')})`);
  return new Set(names as (typeof benchCases)[number][]);
}

/** A short run (BENCH_SECONDS under 10, as in CI) checks that every case works on smaller data. */
const shortRun = positiveNumber('BENCH_SECONDS', 10) < 10;

export const config = {
  cases: cases(),
  seconds: positiveNumber('BENCH_SECONDS', 10),
  connections: Math.round(positiveNumber('BENCH_CONNECTIONS', 10)),
  /** Not measured: lets V8 optimise the hot paths and Next load the route modules before the clock starts. */
  warmupSeconds: 1,
  verifyCalls: Math.round(positiveNumber('BENCH_VERIFY_CALLS', 10_000)),
  webhookDuplicateShare: share('BENCH_WEBHOOK_DUPLICATES', 0.2),
  /** Stripe customers the webhook events are about; the intake re-reads each one from the emulator. */
  webhookCustomers: Math.round(positiveNumber('BENCH_WEBHOOK_CUSTOMERS', 500)),
  /** Subscriptions renewing at once for the queue's drain case (about four queued events each); 250 in a short run. */
  drainSubscriptions: Math.round(positiveNumber('BENCH_DRAIN_SUBSCRIPTIONS', shortRun ? 250 : 2500)),
  drainWorkers: Math.round(positiveNumber('BENCH_WORKERS', 2)),
  /** Each worker's Stripe requests per second: the emulator takes more than Stripe's test mode (20/s is the default). */
  drainStripeRate: positiveNumber('BENCH_STRIPE_RATE', 1000),
  pgAdminUrl: loopbackUrl('PG_ADMIN_URL', 'postgres://postgres@127.0.0.1:5432/postgres'),
  keyCheckTargetMs: 1,
  /**
   * Size of the generated analytics project: 1 is 100,000 customers and 1,000,000 history rows. A short run
   * defaults to 2 % of that.
   */
  analyticsScale: positiveNumber('BENCH_ANALYTICS_SCALE', shortRun ? 0.02 : 1),
  analyticsTargetP99Ms: 50,
  ledgerTargetMs: 2,
  /** The load case's mixed traffic: 60 s, or BENCH_SECONDS in a short run. */
  loadSeconds: positiveNumber('BENCH_LOAD_SECONDS', shortRun ? positiveNumber('BENCH_SECONDS', 10) : 60),
  /** Its requests per second, all kinds together: a pace the server is to serve in full. */
  loadRate: positiveNumber('BENCH_LOAD_RATE', 300),
  /** Clients of the overload, each sending as fast as it is answered: far more than the server can serve. */
  overloadConnections: Math.round(positiveNumber('BENCH_OVERLOAD_CONNECTIONS', 400)),
  overloadSeconds: positiveNumber('BENCH_OVERLOAD_SECONDS', shortRun ? 3 : 15),
};

export type BenchConfig = typeof config;
