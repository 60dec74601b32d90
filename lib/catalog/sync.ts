import { isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { customers, type Project } from '@/db/schema';
import { inProject } from '@/lib/projects/scope';
import { stripeForTeam } from '@/lib/stripe/connection';
import { callStripe, unlessMissing } from '@/lib/stripe/errors';
import { upsertPriceFromStripe, upsertProductFromStripe } from '@/lib/stripe/mirror/catalog';
import { upsertCustomerFromStripe } from '@/lib/stripe/mirror/customers';
import type { Mirrored } from '@/lib/stripe/mirror/object';

const tally = () => ({ created: 0, updated: 0 });

function countInto(counts: ReturnType<typeof tally>, { outcome }: Mirrored<unknown>) {
  if (outcome === 'created' || outcome === 'updated') counts[outcome] += 1;
}

/**
 * Reconciles the project's customers, products and prices with the team's Stripe account, for a team that
 * brings an existing account or missed webhooks. Every object is written on its own (no transaction spans
 * Stripe calls): a sync cut short by a Stripe failure keeps what it applied, and running it again completes it.
 */
export async function syncFromStripe(db: Executor, project: Project) {
  const { stripe } = await stripeForTeam(db, project.teamId);
  return callStripe(async () => {
    const sync = { customers: tally(), products: tally(), prices: tally() };
    const listed = new Set<string>();
    for await (const customer of stripe.customers.list({ limit: 100 })) {
      listed.add(customer.id);
      countInto(sync.customers, await upsertCustomerFromStripe(db, project, customer));
    }
    // Stripe lists no deleted customer: ours missing from the list are checked one by one.
    const ours = await db
      .select({ stripeCustomerId: customers.stripeCustomerId })
      .from(customers)
      .where(inProject(customers, project, isNull(customers.deletedAt)));
    for (const { stripeCustomerId } of ours.filter((customer) => !listed.has(customer.stripeCustomerId))) {
      const customer = await unlessMissing(() => stripe.customers.retrieve(stripeCustomerId));
      if (customer?.deleted) countInto(sync.customers, await upsertCustomerFromStripe(db, project, customer));
    }
    // Stripe lists active products and prices only unless asked: archived ones are listed too, so their rows
    // get archived.
    for (const active of [true, false]) {
      for await (const product of stripe.products.list({ limit: 100, active })) {
        countInto(sync.products, await upsertProductFromStripe(db, project, product));
      }
    }
    for (const active of [true, false]) {
      for await (const price of stripe.prices.list({ limit: 100, active })) {
        countInto(sync.prices, await upsertPriceFromStripe(db, project, price, stripe));
      }
    }
    return sync;
  });
}
