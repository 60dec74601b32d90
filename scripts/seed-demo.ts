// Demo data for a newcomer, created through the public API as a real client would.
import fs from 'node:fs';
import { outboxPath } from '../lib/mail';
import { stripeClient } from '../lib/stripe/client';
import { playDemoYear } from './demo-history';
export const demoUser = { email: 'demo@billstack.local', password: 'billstack-demo', name: 'Demo Admin' };
export const demoStripeKey = 'sk_test_billstackdemo0001';

async function waitForHealth(origin: string) {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${origin} did not become healthy`);
}

async function api<T = any>(origin: string, cookie: string, path: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/json', origin, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function session(origin: string, kind: 'sign-in' | 'sign-up'): Promise<Response> {
  return fetch(`${origin}/api/auth/${kind}/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(demoUser),
  });
}

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

interface SeedOptions {
  /** Connect the demo team to Stripe (the emulator) with a plan and a subscriber. */
  stripe: boolean;
  /** Play a year of Stripe history before connecting, so the analytics have a past (default: with `stripe`). */
  history?: boolean;
  /** The server's outbox, when it does not share this process's data folder. */
  outbox?: string;
}

/** Seeds once (a second start finds the demo user and leaves everything as it is); returns a summary. */
export async function seedDemo(origin: string, { stripe, history = stripe, outbox = outboxPath() }: SeedOptions): Promise<string> {
  await waitForHealth(origin);
  const login = `Sign in as ${demoUser.email} / ${demoUser.password}`;
  // Sign-up first: on a fresh start a sign-in would be a failed one in the server's log.
  const signUp = await session(origin, 'sign-up');
  if (signUp.status === 422) {
    // The demo user exists (a second start): everything is as it was left.
    const existing = await session(origin, 'sign-in');
    if (!existing.ok) throw new Error(`demo sign-in failed: ${existing.status} ${await existing.text()}`);
    return login;
  }
  if (!signUp.ok) throw new Error(`demo sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const cookie = cookieOf(signUp);
  await verifyDemoAddress(outbox);
  const { team } = await api(origin, cookie, '/api/billstack/teams', 'POST', { name: 'Demo Team' });
  const { project } = await api(origin, cookie, `/api/billstack/teams/${team.id}/projects`, 'POST', { name: 'Demo App' });
  const { key } = await api(origin, cookie, `/api/billstack/teams/${team.id}/api-keys`, 'POST', {
    name: 'Demo key',
    projectIds: 'all',
    scopes: ['*'],
  });
  const summary = [login, `Team ${team.id}, project ${project.id}`, `API key (shown once): ${key}`];
  if (stripe) {
    const projectPath = `/api/billstack/teams/${team.id}/projects/${project.id}`;
    const started = performance.now();
    // The account has a year behind it before BillStack connects, as a team bringing its Stripe account has:
    // connecting imports that history (the overview shows the progress), and webhooks carry on from there.
    const year = history ? await playDemoYear(stripeClient(demoStripeKey), { now: Math.floor(Date.now() / 1000) }) : null;
    const played = performance.now();
    await api(origin, cookie, `/api/billstack/teams/${team.id}/stripe`, 'POST', { secretKey: demoStripeKey });
    if (year) {
      const imported = await settledImport(origin, projectPath, `Bearer ${key}`);
      const seconds = (from: number, to = performance.now()) => ((to - from) / 1000).toFixed(1);
      summary.push(
        `A year of Stripe history: ${year.customers} customers played in ${seconds(started, played)} s, ` +
          `${imported.processed} subscriptions imported in ${seconds(played)} s (${imported.status})`,
      );
    }
    const portalUrl = await seedSubscriber(origin, projectPath, `Bearer ${key}`);
    summary.push(`A demo subscriber's portal (1 hour): ${portalUrl}`);
  }
  return summary.join('\n');
}

/**
 * Opens the verification link of the demo account's sign-up mail, as its owner would, so the demo can join teams.
 * Without SMTP_URL (the development default) the mail is in the outbox file.
 */
async function verifyDemoAddress(outbox: string) {
  if (process.env.SMTP_URL) return;
  const link = fs
    .readFileSync(outbox, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string; links: string[] })
    .filter((mail) => mail.to === demoUser.email)
    .at(-1)?.links[0];
  if (!link) throw new Error('the demo account\'s verification mail is not in the outbox');
  const res = await fetch(link, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`demo verification failed: ${res.status}`);
}

/** Waits for the history import that connecting started, reading its progress as the dashboard does. */
async function settledImport(origin: string, projectPath: string, authorization: string) {
  for (let attempt = 0; attempt < 1200; attempt++) {
    const { import: job } = await api(origin, '', `${projectPath}/sync`, 'GET', undefined, { authorization });
    if (job && job.status !== 'running') return job as { status: string; processed: number };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the history import did not finish within 5 minutes');
}

/**
 * A plan and a subscriber who paid for it on the emulator's hosted checkout page, as a person would:
 * so the demo shows a live subscription, its invoice and the customer portal.
 */
async function seedSubscriber(origin: string, projectPath: string, authorization: string): Promise<string> {
  const call = (path: string, body: unknown) => api(origin, '', `${projectPath}${path}`, 'POST', body, { authorization });
  const { product } = await call('/products', { name: 'Starter', description: 'The demo plan' });
  const { price } = await call(`/products/${product.id}/prices`, { unitAmount: 900, currency: 'usd', interval: 'month' });
  const { checkout } = await call('/checkout', {
    customerEmail: 'subscriber@billstack.local',
    priceId: price.id,
    successUrl: `${origin}/teams`,
    cancelUrl: `${origin}/teams`,
  });
  const paid = await fetch(`${checkout.url}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'card=4242424242424242',
    redirect: 'manual',
  });
  if (paid.status !== 303) throw new Error(`demo checkout payment failed: ${paid.status}`);
  // The payment's webhooks are queued, then applied by the server's worker: wait for the customer to be mirrored.
  let customers: { id: string }[] = [];
  for (let tries = 0; customers.length === 0; tries++) {
    if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    if (tries > 120) throw new Error('the demo subscriber was not mirrored within 30 s');
    ({ customers } = await api(origin, '', `${projectPath}/customers?email=subscriber@billstack.local`, 'GET', undefined, { authorization }));
  }
  const { portal } = await call('/portal', { customerId: customers[0].id });
  return portal.url;
}
