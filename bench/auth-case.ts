import { customers } from '../db/schema';
import { verifyApiKey } from '../lib/api-keys/service';
import { newId } from '../lib/http/ids';
import { startBareServer } from './bare';
import { connectDrizzle } from './database';
import { measureTogether, type LoadSettings, type Measurement } from './load';
import type { Tenant } from './seed';
import { percentile } from './stats';
import { onTeardown } from './teardown';

export interface AuthCaseResult {
  bareProject: Measurement;
  bareKeyed: Measurement;
  next: Measurement;
  /** Keyed reads of one customer and of a page of the customer list, through the full Next route. */
  nextCustomer: Measurement;
  nextCustomerList: Measurement;
  /** The same server answering a route with neither middleware, key nor query: the framework's own floor. */
  nextFloor: Measurement;
  /**
   * p99(bare key check + project query) − p99(bare project query), both at a fixed rate well below
   * saturation, so queueing behind other requests does not inflate it: what the key check itself adds.
   */
  keyCheckAddedP99Ms: number;
  verify: { calls: number; p50Ms: number; p99Ms: number };
}

/** The product's own `verifyApiKey` (the key and the project in one query), back to back: the check without HTTP. */
async function timeVerifyApiKey(databaseUrl: string, tenant: Tenant, calls: number) {
  const { db, close } = connectDrizzle(databaseUrl);
  try {
    const verify = async () => {
      // The database check itself: the server's key cache would turn every call after the first into a Map read.
      const outcome = await verifyApiKey(db, tenant.apiKey, { projectId: tenant.projectId, cache: null });
      if (!outcome.valid) throw new Error(`verifyApiKey refused the bench key: ${outcome.code}`);
    };
    // Unmeasured: the first calls open the connection and prepare the statement.
    for (let i = 0; i < 200; i += 1) await verify();
    const timesMs = new Float64Array(calls);
    for (let i = 0; i < calls; i += 1) {
      const start = performance.now();
      await verify();
      timesMs[i] = performance.now() - start;
    }
    timesMs.sort();
    return { calls, p50Ms: percentile(timesMs, 50), p99Ms: percentile(timesMs, 99) };
  } finally {
    await close();
  }
}

/** Customers of the bench project, written straight to the database (no Stripe calls): the list reads a full page of them. */
const customerCount = 200;

async function seedCustomers(databaseUrl: string, tenant: Tenant): Promise<string> {
  const { db, close } = connectDrizzle(databaseUrl);
  try {
    const rows = Array.from({ length: customerCount }, (_, i) => ({
      id: newId('customer'),
      teamId: tenant.teamId,
      projectId: tenant.projectId,
      stripeCustomerId: `cus_bench${i}`,
      email: `customer-${i}@example.com`,
      name: `Customer ${i}`,
    }));
    await db.insert(customers).values(rows);
    return rows[0].id;
  } finally {
    await close();
  }
}

// Far below what either bare handler serves, so each request finds the server idle.
const fixedRate = 200;

/** One project read through the full Next route with a `bs_` key, against bare handlers doing the same queries. */
export async function runAuthCase(opts: {
  origin: string;
  tenant: Tenant;
  databaseUrl: string;
  settings: LoadSettings;
  verifyCalls: number;
}): Promise<AuthCaseResult> {
  const { origin, tenant, databaseUrl, settings } = opts;
  const projectPath = `${tenant.teamId}/${tenant.projectId}`;
  const authorization = { authorization: `Bearer ${tenant.apiKey}` };
  const verify = await timeVerifyApiKey(databaseUrl, tenant, opts.verifyCalls);
  const customerId = await seedCustomers(databaseUrl, tenant);
  const customersUrl = `${origin}/api/billstack/teams/${tenant.teamId}/projects/${tenant.projectId}/customers`;

  const bare = await startBareServer({ databaseUrl });
  onTeardown('stop the auth bare server', bare.stop);
  try {
    const [bareProject, bareKeyed, next, nextCustomer, nextCustomerList, nextFloor] = await measureTogether(
      [
        { label: 'bare: project query', url: `${bare.origin}/project/${projectPath}` },
        { label: 'bare: key check + project query', url: `${bare.origin}/keyed/${projectPath}`, headers: authorization },
        { label: 'Next route, bs_ key', url: `${origin}/api/billstack/teams/${tenant.teamId}/projects/${tenant.projectId}`, headers: authorization },
        { label: 'Next GET customers/{id}, bs_ key', url: `${customersUrl}/${customerId}`, headers: authorization },
        { label: 'Next GET customers?limit=50, bs_ key', url: `${customersUrl}?limit=50`, headers: authorization },
        { label: 'Next /api/health (floor)', url: `${origin}/api/health` },
      ],
      settings,
    );
    const [unloadedProject, unloadedKeyed] = await measureTogether(
      [
        { label: 'bare: project query (fixed rate)', url: `${bare.origin}/project/${projectPath}` },
        { label: 'bare: key check + project query (fixed rate)', url: `${bare.origin}/keyed/${projectPath}`, headers: authorization },
      ],
      { ...settings, connections: 1, overallRate: fixedRate },
    );
    return { bareProject, bareKeyed, next, nextCustomer, nextCustomerList, nextFloor, keyCheckAddedP99Ms: unloadedKeyed.p99Ms - unloadedProject.p99Ms, verify };
  } finally {
    await bare.stop();
  }
}
