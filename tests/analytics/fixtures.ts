import type Stripe from 'stripe';
import * as mrrRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/mrr/route';
import * as churnRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/churn/route';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/customers/route';
import * as retentionRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/retention/route';
import * as summaryRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/summary/route';
import * as rebuildRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/analytics/rebuild/route';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { call } from '../helpers/http';
import { createCustomerRow, createPriceRow, projectParams, projectPath } from '../helpers/catalog';
import { createProject, type TestUser } from '../helpers/fixtures';

export const day = 86_400;
export const goodCard = '4242424242424242';
// Attaches, then fails every charge.
export const failingCard = '4000000000000341';

export interface Scene {
  owner: TestUser;
  team: { id: string };
  project: { id: string };
  stripe: Stripe;
  secretKey: string;
  emulator: () => StripeEmulator;
}

/** A fresh project of the world's team (one Stripe account, one clock), so each scenario's figures are its own. */
export async function newScene(world: { owner: TestUser; team: { id: string } }, account: { stripe: Stripe; secretKey: string }, emulator: () => StripeEmulator): Promise<Scene> {
  const project = await createProject(world.owner, world.team.id, 'Analytics scenario');
  return { owner: world.owner, team: world.team, project, stripe: account.stripe, secretKey: account.secretKey, emulator };
}

/** Stripe's clock now, and its UTC day. */
export function stripeNow(scene: Scene): number {
  return scene.emulator().now(scene.secretKey);
}
export const dayOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

export async function settle(scene: Scene) {
  await scene.emulator().idle();
}

/** Moves Stripe's clock and waits for the renewals' and endings' webhooks to be applied. */
export async function advance(scene: Scene, seconds: number) {
  scene.emulator().advanceTime(scene.secretKey, seconds);
  await settle(scene);
}

async function control(scene: Scene, path: string, body: unknown) {
  const res = await fetch(`${scene.emulator().url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${scene.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export const setCard = (scene: Scene, stripeCustomerId: string, card: string | null) => control(scene, `/_emulator/customers/${stripeCustomerId}/card`, { card });
export const setDunning = (scene: Scene, dunning: { retryDays: number[]; finalAction: 'cancel' | 'unpaid' | 'past_due' }) =>
  control(scene, '/_emulator/settings', { dunning });

/** A customer of the scene's project with a card that pays. */
export async function payingCustomer(scene: Scene) {
  const customer = await createCustomerRow(scene);
  await setCard(scene, customer.stripeCustomerId, goodCard);
  return customer;
}

export async function price(scene: Scene, unitAmount: number, { currency = 'usd', interval = 'month', intervalCount = 1 } = {}) {
  const row = await createPriceRow(scene, { unitAmount, currency, interval, ...(intervalCount === 1 ? {} : { intervalCount }) });
  return row.stripePriceId;
}

/** A subscription made in Stripe (as from its dashboard), its webhooks applied. */
export async function subscribe(scene: Scene, customer: { stripeCustomerId: string }, params: Omit<Stripe.SubscriptionCreateParams, 'customer'>) {
  const subscription = await scene.stripe.subscriptions.create({ customer: customer.stripeCustomerId, ...params });
  await settle(scene);
  return subscription;
}

const get = (handler: typeof mrrRoute.GET, scene: Scene, path: string, query: Record<string, string | number> = {}) =>
  call(handler, projectPath(scene, `/analytics/${path}`), { params: projectParams(scene), headers: scene.owner.headers, query });

export const mrr = (scene: Scene, query?: Record<string, string | number>) => get(mrrRoute.GET, scene, 'mrr', query);
export const churn = (scene: Scene, query?: Record<string, string | number>) => get(churnRoute.GET, scene, 'churn', query);
export const customers = (scene: Scene, query?: Record<string, string | number>) => get(customersRoute.GET, scene, 'customers', query);
export const retention = (scene: Scene, query?: Record<string, string | number>) => get(retentionRoute.GET, scene, 'retention', query);
export const summary = (scene: Scene, query?: Record<string, string | number>) => get(summaryRoute.GET, scene, 'summary', query);
export const rebuild = (scene: Scene) =>
  call(rebuildRoute.POST, projectPath(scene, '/analytics/rebuild'), { method: 'POST', params: projectParams(scene), headers: scene.owner.headers });

type Point = { date: string; mrr: number; new: number; expansion: number; contraction: number; churned: number; reactivation: number };

/** The five movements summed over a series, for expectations written per scenario. */
export function movementTotals(series: Point[]) {
  const totals = { new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 };
  for (const point of series) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += point[key];
  return totals;
}

/** The series' points that moved: date and movements, for exact expectations without the quiet days. */
export function movedPoints(series: Point[]) {
  return series.filter((point) => point.new || point.expansion || point.contraction || point.churned || point.reactivation);
}
