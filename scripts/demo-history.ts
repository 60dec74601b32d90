// A year of a small SaaS business played on a Stripe account, day by day on a test clock that starts a year
// ago and stops at "now": about 200 customers signing up (some with trials or coupons), upgrading,
// downgrading, adding seats, failing payments (some recover, others are canceled by dunning), canceling and
// coming back. Everything is a Stripe API call; the randomness is seeded, so every demo is the same story.
import type Stripe from 'stripe';

const day = 86_400;

/** mulberry32: a tiny seeded generator, so the demo does not change from one start to the next. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Plan {
  name: string;
  amount: number;
  currency: string;
  interval: 'month' | 'year';
  /** The plan an upgrade moves to; a downgrade moves back. */
  up?: string;
}

// The ladder customers move along; weights are the share of sign-ups choosing each plan.
const plans: (Plan & { weight: number })[] = [
  { name: 'Starter', amount: 1900, currency: 'usd', interval: 'month', up: 'Growth', weight: 0.48 },
  { name: 'Growth', amount: 4900, currency: 'usd', interval: 'month', up: 'Scale', weight: 0.3 },
  { name: 'Scale', amount: 19900, currency: 'usd', interval: 'month', weight: 0.08 },
  { name: 'Growth yearly', amount: 49000, currency: 'usd', interval: 'year', weight: 0.07 },
  { name: 'Starter EUR', amount: 1700, currency: 'eur', interval: 'month', weight: 0.07 },
];

interface Member {
  customer: string;
  subscription: string | null;
  item: string | null;
  plan: string;
  seats: number;
  /** The day it churned (as far as the story knows: dunning ends some subscriptions on its own). */
  churnedOn: number | null;
  /** The day a customer whose card fails puts a working one back. */
  fixCardOn: number | null;
}

export interface DemoYear {
  customers: number;
  subscriptions: number;
  clock: string;
}

/** Plays the year on the account behind `stripe`; `now` is where the test clock stops. */
export async function playDemoYear(stripe: Stripe, { now, signUps = 200, seed = 2026 }: { now: number; signUps?: number; seed?: number }): Promise<DemoYear> {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const start = now - 365 * day;
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start, name: 'BillStack demo year' });

  const prices = new Map<string, Stripe.Price>();
  const products = new Map<string, Stripe.Product>();
  for (const plan of plans) {
    const productName = plan.name.replace(/ (yearly|EUR)$/, '');
    const product = products.get(productName) ?? (await stripe.products.create({ name: productName, description: `The ${productName} plan` }));
    products.set(productName, product);
    prices.set(
      plan.name,
      await stripe.prices.create({ product: product.id, unit_amount: plan.amount, currency: plan.currency, recurring: { interval: plan.interval }, nickname: plan.name }),
    );
  }
  const coupons = [
    await stripe.coupons.create({ name: 'Launch 20% off', percent_off: 20, duration: 'forever' }),
    await stripe.coupons.create({ name: '$10 off for 3 months', amount_off: 1000, currency: 'usd', duration: 'repeating', duration_in_months: 3 }),
    await stripe.coupons.create({ name: 'Half off the first month', percent_off: 50, duration: 'once' }),
  ];

  const members: Member[] = [];
  const pickPlan = () => {
    let roll = random();
    for (const plan of plans) if ((roll -= plan.weight) < 0) return plan;
    return plans[0];
  };
  const subscribe = async (member: Member, plan: Plan) => {
    const coupon = plan.currency === 'usd' && chance(0.15) ? coupons[Math.floor(random() * coupons.length)] : null;
    const subscription = await stripe.subscriptions.create({
      customer: member.customer,
      items: [{ price: prices.get(plan.name)!.id, quantity: member.seats }],
      ...(chance(0.25) ? { trial_period_days: 14 } : {}),
      ...(coupon && (coupon.currency === null || coupon.currency === plan.currency) ? { discounts: [{ coupon: coupon.id }] } : {}),
    });
    Object.assign(member, { subscription: subscription.id, item: subscription.items.data[0].id, plan: plan.name, churnedOn: null });
  };
  /** A change to a subscription that may have ended by itself (dunning, a scheduled cancellation). */
  const change = async (member: Member, today: number, update: () => Promise<unknown>) => {
    try {
      await update();
    } catch (error) {
      if (!(error instanceof Error) || !/canceled|incomplete/.test(error.message)) throw error;
      member.churnedOn = today;
    }
  };

  for (let elapsed = 0; elapsed < 365; elapsed++) {
    if (elapsed > 0) await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + elapsed * day });
    // Sign-ups grow through the year: from about 0.3 a day to 0.8.
    const expected = (signUps / 365) * (0.55 + (elapsed / 365) * 0.9);
    for (let n = Math.floor(expected) + (chance(expected % 1) ? 1 : 0); n > 0; n--) {
      const index = members.length + 1;
      const customer = await stripe.customers.create({
        email: `customer${index}@demo.billstack.local`,
        name: `Demo customer ${index}`,
        test_clock: clock.id,
        payment_method: 'pm_card_visa',
        invoice_settings: { default_payment_method: 'pm_card_visa' },
      });
      const member: Member = { customer: customer.id, subscription: null, item: null, plan: '', seats: chance(0.2) ? 3 : 1, churnedOn: null, fixCardOn: null };
      members.push(member);
      await subscribe(member, pickPlan());
    }
    for (const member of members) {
      if (member.fixCardOn === elapsed) {
        await stripe.customers.update(member.customer, { invoice_settings: { default_payment_method: 'pm_card_visa' } });
      }
      if (member.churnedOn !== null) {
        // Some come back, on the entry plan, once the old subscription has surely ended.
        if (elapsed - member.churnedOn > 45 && chance(0.004)) await subscribe(member, plans[0]);
        continue;
      }
      const plan = plans.find((candidate) => candidate.name === member.plan)!;
      const lower = plans.find((candidate) => candidate.up === plan.name);
      const switchTo = (target: Plan) => async () => {
        await stripe.subscriptions.update(member.subscription!, {
          items: [{ id: member.item!, price: prices.get(target.name)!.id }],
          proration_behavior: 'always_invoice',
        });
        member.plan = target.name;
      };
      const roll = random();
      if (roll < 0.003 && plan.up) {
        await change(member, elapsed, switchTo(plans.find((candidate) => candidate.name === plan.up)!));
      } else if (roll < 0.0045 && lower) {
        await change(member, elapsed, switchTo(lower));
      } else if (roll < 0.0065 && plan.name === 'Growth') {
        member.seats += 1;
        await change(member, elapsed, () =>
          stripe.subscriptions.update(member.subscription!, { items: [{ id: member.item!, quantity: member.seats }], proration_behavior: 'always_invoice' }),
        );
      } else if (roll < 0.0085) {
        await change(member, elapsed, () =>
          chance(0.5) ? stripe.subscriptions.update(member.subscription!, { cancel_at_period_end: true }) : stripe.subscriptions.cancel(member.subscription!),
        );
        member.churnedOn = elapsed;
      } else if (roll < 0.0095 && member.fixCardOn === null) {
        // The card starts failing: renewals go past due, and dunning cancels unless a working card is back in time.
        await stripe.customers.update(member.customer, { invoice_settings: { default_payment_method: 'pm_card_chargeCustomerFail' } });
        member.fixCardOn = chance(0.5) ? elapsed + 20 + Math.floor(random() * 20) : Number.POSITIVE_INFINITY;
      }
    }
  }
  // The clock stops a minute before the wall clock, so nothing it stamped lies in the future.
  await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: now - 60 });
  return { customers: members.length, subscriptions: members.filter((member) => member.subscription).length, clock: clock.id };
}
