import crypto from 'node:crypto';
import Stripe from 'stripe';

const recentlySent = 256;

/**
 * Customers that really exist in the emulator, tagged with the project the way BillStack tags its own:
 * the intake re-reads every event's object from Stripe, so events about unknown customers would only
 * measure a 404. Created before the team connects, so the emulator delivers none of these events itself.
 */
export async function createCustomerPool(stripe: Stripe, projectId: string, size: number): Promise<Stripe.Customer[]> {
  const customers: Stripe.Customer[] = [];
  const batch = 20;
  for (let start = 0; start < size; start += batch) {
    const created = await Promise.all(
      Array.from({ length: Math.min(batch, size - start) }, (_, i) =>
        stripe.customers.create({
          email: `bench-customer-${start + i}@example.com`,
          name: `Bench Customer ${start + i}`,
          metadata: { billstack_project_id: projectId },
        }),
      ),
    );
    customers.push(...created);
  }
  return customers;
}

/**
 * The events Stripe would send about those customers: each one's `customer.created` first, then
 * `customer.updated` with a new name, round-robin. A share of the requests redeliver a recent event
 * unchanged (same id and payload, a fresh signature), as Stripe does when it retries.
 */
export class CustomerEventStream {
  private fresh = 0;
  private sent = 0;
  private duplicates = 0;
  private readonly recent: string[] = [];

  constructor(
    private readonly customers: Stripe.Customer[],
    private readonly duplicateShare: number,
  ) {}

  /** The next payload, as the raw JSON body Stripe would post. */
  next(): string {
    this.sent += 1;
    if (this.recent.length > 0 && this.duplicates < this.duplicateShare * this.sent) {
      this.duplicates += 1;
      return this.recent[Math.floor(Math.random() * this.recent.length)];
    }
    const payload = JSON.stringify(this.freshEvent());
    this.recent.push(payload);
    if (this.recent.length > recentlySent) this.recent.shift();
    return payload;
  }

  private freshEvent(): Stripe.Event {
    const customer = this.customers[this.fresh % this.customers.length];
    const revision = Math.floor(this.fresh / this.customers.length);
    this.fresh += 1;
    const named = (n: number) => `${customer.name} (revision ${n})`;
    const data: Stripe.Event.Data =
      revision === 0
        ? { object: customer }
        : { object: { ...customer, name: named(revision) }, previous_attributes: { name: revision === 1 ? customer.name : named(revision - 1) } };
    return {
      id: `evt_${crypto.randomBytes(12).toString('hex')}`,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      data,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: revision === 0 ? 'customer.created' : 'customer.updated',
    } as Stripe.Event;
  }
}
