// Applies racing on one new Stripe object: the queue's workers apply a customer's own events and its
// subscription's (which adopts the customer first) side by side. On PostgreSQL they really run at once.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers, projects } from '@/db/schema';
import { applyCustomer, ensureCustomer } from '@/lib/stripe/mirror/customers';
import { mirrorStripeObject } from '@/lib/stripe/mirror/object';
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

describe('two applies of one new Stripe object racing to create its row', () => {
  const target = { table: customers, stripeIdKey: 'stripeCustomerId', kind: 'customer' } as const;
  const stateOf = (email: string) => ({ email, name: null, metadata: {}, stripeCreatedAt: new Date('2026-01-01T00:00:00Z') });

  // Both read "no row" before either writes (PGlite runs their statements interleaved; PostgreSQL at once).
  async function race(firstEmail: string, secondEmail: string) {
    const db = await getDb();
    const [project] = await db.select().from(projects).where(eq(projects.id, world.project.id));
    const object = { id: `cus_race_${firstEmail}_${secondEmail}`.replace(/[^a-z0-9_]/gi, ''), metadata: {} };
    const outcomes = await Promise.all([
      mirrorStripeObject(db, project, target, object, stateOf(firstEmail)),
      mirrorStripeObject(db, project, target, object, stateOf(secondEmail)),
    ]);
    const rows = await db.select().from(customers).where(and(eq(customers.teamId, world.team.id), eq(customers.stripeCustomerId, object.id)));
    return { outcomes: outcomes.map((mirrored) => mirrored.outcome).sort(), rows };
  }

  it('announces the loser as unchanged when it read the same state', async () => {
    const { outcomes, rows } = await race('same@example.com', 'same@example.com');
    expect(rows).toHaveLength(1);
    expect(outcomes).toEqual(['created', 'unchanged']);
  });

  it("announces the loser's different state as an update, so no change goes unannounced", async () => {
    const { outcomes, rows } = await race('before@example.com', 'after@example.com');
    expect(rows).toHaveLength(1);
    expect(outcomes).toEqual(['created', 'updated']);
  });
});
