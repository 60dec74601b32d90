// Applies racing on one new Stripe object: the queue's workers apply a customer's own events and its
// subscription's (which adopts the customer first) side by side. On PostgreSQL they really run at once.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers } from '@/db/schema';
import { applyCustomer, ensureCustomer } from '@/lib/stripe/mirror/customers';
import { tagKeys } from '@/lib/stripe/metadata';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';

useStripeEmulator();
let world: World;

beforeAll(async () => {
  world = await buildWorld();
});

describe('a new customer adopted by several applies at once', () => {
  it('ends as one row, every apply succeeding', async () => {
    const db = await getDb();
    const { stripe } = world.stripeAccount!;
    const teamId = world.team.id;
    for (let round = 0; round < 5; round++) {
      const customer = await stripe.customers.create({ email: `race-${round}@example.com`, metadata: { [tagKeys.project]: world.project.id } });
      const outcomes = await Promise.all([
        applyCustomer({ db, stripe, teamId }, customer.id),
        ensureCustomer(db, stripe, teamId, customer.id),
        applyCustomer({ db, stripe, teamId }, customer.id),
        ensureCustomer(db, stripe, teamId, customer.id),
      ]);
      const rows = await db.select().from(customers).where(and(eq(customers.teamId, teamId), eq(customers.stripeCustomerId, customer.id)));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ projectId: world.project.id, email: `race-${round}@example.com` });
      expect(outcomes[1]).toMatchObject({ id: rows[0].id });
      expect(outcomes[3]).toMatchObject({ id: rows[0].id });
      for (const applied of [outcomes[0], outcomes[2]]) expect(applied).toMatchObject({ status: 'applied' });
    }
  });
});
