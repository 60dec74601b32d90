// Plan changes as Stripe bills them, through the official SDK: prorations (create_prorations,
// always_invoice, none, billing_cycle_anchor=now, quantity, discounts), invoice items, and the
// preview of the next invoice. Every subscription lives on a test clock started at 2030-01-01
// 00:00 UTC, so its first period is January: 2,678,400 seconds.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { expectStripeShape, newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const JAN_1 = Date.UTC(2030, 0, 1) / 1000;
const FEB_1 = Date.UTC(2030, 1, 1) / 1000;
const MAR_1 = Date.UTC(2030, 2, 1) / 1000;
const HALF = JAN_1 + (FEB_1 - JAN_1) / 2;
// The renewal invoice may stay a draft for an hour before it is finalized and paid.
const AFTER_RENEWAL = FEB_1 + 2 * 3600;

/** A customer with a working card on a test clock at Jan 1, a 20.00 "Pro" and a 50.00 "Pro Plus" monthly price. */
async function world(options: { coupon?: Stripe.CouponCreateParams; key?: string } = {}) {
  const stripe = sdk(emulator, options.key ?? newKey());
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
  const customer = await stripe.customers.create({
    email: 'ada@example.com',
    test_clock: clock.id,
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  });
  const pro = await stripe.products.create({ name: 'Pro' });
  const plus = await stripe.products.create({ name: 'Pro Plus' });
  const proPrice = await stripe.prices.create({ product: pro.id, unit_amount: 2000, currency: 'usd', recurring: { interval: 'month' } });
  const plusPrice = await stripe.prices.create({ product: plus.id, unit_amount: 5000, currency: 'usd', recurring: { interval: 'month' } });
  const coupon = options.coupon ? await stripe.coupons.create(options.coupon) : null;
  const sub = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: proPrice.id }],
    ...(coupon ? { discounts: [{ coupon: coupon.id }] } : {}),
  });
  const advance = (to: number) => stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: to });
  return { stripe, clock, customer, proPrice, plusPrice, sub, advance };
}

const lineSummary = (invoice: Stripe.Invoice) =>
  invoice.lines.data.map((l) => [l.amount, l.parent?.subscription_item_details?.proration ?? l.parent?.invoice_item_details?.proration]);

async function latestInvoice(stripe: Stripe, subscription: string): Promise<Stripe.Invoice> {
  const sub = await stripe.subscriptions.retrieve(subscription);
  return stripe.invoices.retrieve(String(sub.latest_invoice));
}

describe('proration_behavior on an item change', () => {
  test('create_prorations (default): pending proration items, to the second, land on the renewal invoice', async () => {
    const { stripe, customer, plusPrice, sub, advance } = await world();
    await advance(JAN_1 + 1_000_000);
    const updated = await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0].id, price: plusPrice.id }] });
    expect(updated.items.data[0]).toMatchObject({ id: sub.items.data[0].id, price: { id: plusPrice.id } });
    expect(updated.latest_invoice).toBe(sub.latest_invoice);

    const pending = await stripe.invoiceItems.list({ customer: customer.id, pending: true });
    pending.data.forEach((item) => expectStripeShape(item, 'invoiceitem'));
    // 1,678,400 of 2,678,400 seconds left: 2000 × 0.62664… = 1253.29, 5000 × 0.62664… = 3133.21.
    expect(
      pending.data.reverse().map((i) => [i.amount, i.proration, i.discountable, i.description, i.period, i.invoice, i.parent?.subscription_details]),
    ).toEqual([
      [-1253, true, false, 'Unused time on Pro after 12 Jan 2030', { start: JAN_1 + 1_000_000, end: FEB_1 }, null, { subscription: sub.id, subscription_item: sub.items.data[0].id }],
      [3133, true, false, 'Remaining time on Pro Plus after 12 Jan 2030', { start: JAN_1 + 1_000_000, end: FEB_1 }, null, { subscription: sub.id, subscription_item: sub.items.data[0].id }],
    ]);

    await advance(AFTER_RENEWAL);
    const renewal = await latestInvoice(stripe, sub.id);
    expect(renewal).toMatchObject({ billing_reason: 'subscription_cycle', status: 'paid', subtotal: 6880, amount_due: 6880, amount_paid: 6880 });
    expect(lineSummary(renewal)).toEqual([
      [5000, false],
      [-1253, true],
      [3133, true],
    ]);
    expect(renewal.lines.data[0].period).toEqual({ start: FEB_1, end: MAR_1 });
    expect(renewal.lines.data[2].parent?.subscription_item_details?.invoice_item).toBe(pending.data[1].id);
    // The credit names the line of the first invoice that charged for January.
    const first = await stripe.invoices.retrieve(String(sub.latest_invoice));
    const charged = { invoice: first.id, invoice_line_items: [first.lines.data[0].id] };
    expect(pending.data[0].proration_details?.credited_items).toEqual({ type: 'invoice_line_items', invoice_line_item_details: charged });
    expect(renewal.lines.data[1].parent?.subscription_item_details?.proration_details?.credited_items).toEqual(charged);
    expect(renewal.lines.data[2].parent?.subscription_item_details?.proration_details?.credited_items).toBeNull();
    expect((await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data).toEqual([]);
    expect((await stripe.invoiceItems.retrieve(pending.data[0].id)).invoice).toBe(renewal.id);
  });

  test('always_invoice: the prorations are invoiced and charged at once (billing_reason subscription_update)', async () => {
    const { stripe, customer, plusPrice, sub, advance } = await world();
    await advance(HALF);
    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0].id, price: plusPrice.id }],
      proration_behavior: 'always_invoice',
    });
    const invoice = await stripe.invoices.retrieve(String(updated.latest_invoice));
    expectStripeShape(invoice, 'invoice');
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid', created: HALF, amount_due: 1500, amount_paid: 1500 });
    expect(lineSummary(invoice)).toEqual([
      [-1000, true],
      [2500, true],
    ]);
    expect(invoice.lines.data.map((l) => l.description)).toEqual([
      'Unused time on Pro after 16 Jan 2030',
      'Remaining time on Pro Plus after 16 Jan 2030',
    ]);
    expect((await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data).toEqual([]);
    // The period is unchanged: the renewal bills the new price alone.
    expect(updated.items.data[0]).toMatchObject({ current_period_start: JAN_1, current_period_end: FEB_1 });
    await advance(AFTER_RENEWAL);
    expect(lineSummary(await latestInvoice(stripe, sub.id))).toEqual([[5000, false]]);
  });

  test('none: no proration at all; the renewal bills the new price', async () => {
    const { stripe, customer, plusPrice, sub, advance } = await world();
    await advance(HALF);
    await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0].id, price: plusPrice.id }], proration_behavior: 'none' });
    expect((await stripe.invoiceItems.list({ customer: customer.id })).data).toEqual([]);
    await advance(AFTER_RENEWAL);
    const renewal = await latestInvoice(stripe, sub.id);
    expect(lineSummary(renewal)).toEqual([[5000, false]]);
    expect(renewal.amount_due).toBe(5000);
  });

  test('a quantity change prorates the old and the new quantity', async () => {
    const { stripe, customer, sub, advance } = await world();
    await advance(JAN_1 + (3 * (FEB_1 - JAN_1)) / 4);
    await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0].id, quantity: 3 }] });
    const pending = (await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data.reverse();
    expect(pending.map((i) => [i.amount, i.quantity, i.description])).toEqual([
      [-500, 1, 'Unused time on Pro after 24 Jan 2030'],
      [1500, 3, 'Remaining time on 3 × Pro after 24 Jan 2030'],
    ]);
  });

  test('proration_date is honoured in place of the current time', async () => {
    const { stripe, customer, plusPrice, sub, advance } = await world();
    await advance(JAN_1 + 2_000_000);
    await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0].id, price: plusPrice.id }],
      proration_date: HALF,
    });
    const pending = (await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data.reverse();
    expect(pending.map((i) => [i.amount, i.period.start, i.date])).toEqual([
      [-1000, HALF, HALF],
      [2500, HALF, HALF],
    ]);
  });

  test('billing_cycle_anchor[type]=now restarts the period: credit for the unused time, a whole new period invoiced at once', async () => {
    const { stripe, plusPrice, sub, advance } = await world();
    await advance(HALF);
    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0].id, price: plusPrice.id }],
      billing_cycle_anchor: { type: 'now' },
    });
    const FEB_16_NOON = Date.UTC(2030, 1, 16, 12) / 1000;
    expect(updated).toMatchObject({ billing_cycle_anchor: HALF });
    expect(updated.items.data[0]).toMatchObject({ current_period_start: HALF, current_period_end: FEB_16_NOON });
    const invoice = await stripe.invoices.retrieve(String(updated.latest_invoice));
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid', amount_due: 4000 });
    expect(lineSummary(invoice)).toEqual([
      [5000, false],
      [-1000, true],
    ]);
    expect(invoice.lines.data[0].period).toEqual({ start: HALF, end: FEB_16_NOON });
    // The pre-2026 bare string is not this API version's shape.
    await expect(stripe.subscriptions.update(sub.id, { billing_cycle_anchor: 'now' as never })).rejects.toMatchObject({
      statusCode: 400,
      param: 'billing_cycle_anchor',
    });
  });

  test('a new interval restarts the period like billing_cycle_anchor=now: monthly to yearly is invoiced at once', async () => {
    const { stripe, sub, advance } = await world();
    const yearly = await stripe.prices.create({ product_data: { name: 'Pro yearly' }, unit_amount: 20000, currency: 'usd', recurring: { interval: 'year' } });
    await advance(HALF);
    const updated = await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0].id, price: yearly.id }] });
    expect(updated.items.data[0]).toMatchObject({ current_period_start: HALF, current_period_end: Date.UTC(2031, 0, 16, 12) / 1000 });
    const invoice = await stripe.invoices.retrieve(String(updated.latest_invoice));
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid', amount_due: 19000 });
    expect(lineSummary(invoice)).toEqual([
      [20000, false],
      [-1000, true],
    ]);
  });

  test('flexible mode: an added item of another interval runs in its own period from the anchor, prorated to it', async () => {
    const { stripe, customer, sub, advance } = await world();
    const yearly = await stripe.prices.create({ product_data: { name: 'Support' }, unit_amount: 12000, currency: 'usd', recurring: { interval: 'year' } });
    await advance(HALF);
    const updated = await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0].id }, { price: yearly.id }] });
    const JAN_1_2031 = Date.UTC(2031, 0, 1) / 1000;
    expect(updated.items.data.map((i) => [i.current_period_start, i.current_period_end])).toEqual([
      [JAN_1, FEB_1],
      [JAN_1, JAN_1_2031],
    ]);
    // 349.5 of 365 days left: 12000 × 0.95753… = 11490.41.
    const pending = (await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data;
    expect(pending.map((i) => [i.amount, i.description, i.period])).toEqual([[11490, 'Remaining time on Support after 16 Jan 2030', { start: HALF, end: JAN_1_2031 }]]);
    await advance(AFTER_RENEWAL);
    const renewal = await latestInvoice(stripe, sub.id);
    expect([renewal.amount_due, lineSummary(renewal)]).toEqual([13490, [[2000, false], [11490, true]]]);
  });

  test('a discounted subscription: the discount is folded into the proration amounts, which are not discounted again', async () => {
    const { stripe, customer, plusPrice, sub, advance } = await world({ coupon: { percent_off: 20, duration: 'forever' } });
    await advance(HALF);
    await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0].id, price: plusPrice.id }] });
    const pending = (await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data.reverse();
    expect(pending.map((i) => [i.amount, i.discountable])).toEqual([
      [-800, false],
      [2000, false],
    ]);
    await advance(AFTER_RENEWAL);
    const renewal = await latestInvoice(stripe, sub.id);
    expect(renewal).toMatchObject({ subtotal: 6200, total: 5200, amount_due: 5200 });
    expect(renewal.total_discount_amounts?.map((d) => d.amount)).toEqual([1000]);
  });
});

describe('invoice items', () => {
  test('create, retrieve, list pending, delete; a pending one-off item rides on the next renewal', async () => {
    const { stripe, customer, sub, advance } = await world();
    const setup = await stripe.invoiceItems.create({ customer: customer.id, amount: 700, currency: 'usd', description: 'Setup fee' });
    expectStripeShape(setup, 'invoiceitem');
    expect(setup).toMatchObject({ object: 'invoiceitem', amount: 700, currency: 'usd', proration: false, discountable: true, invoice: null, date: JAN_1, parent: null });
    expect((await stripe.invoiceItems.create({ customer: customer.id, amount: -100, currency: 'usd' })).discountable).toBe(false);
    const extra = await stripe.invoiceItems.create({ customer: customer.id, amount: 300, currency: 'usd' });
    expect((await stripe.invoiceItems.retrieve(setup.id)).description).toBe('Setup fee');
    const renamed = await stripe.invoiceItems.update(setup.id, { description: 'Onboarding', metadata: { order: '7' } });
    expect([renamed.description, renamed.metadata]).toEqual(['Onboarding', { order: '7' }]);
    expect((await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data.map((i) => i.amount)).toEqual([300, -100, 700]);
    expect(await stripe.invoiceItems.del(extra.id)).toEqual(expect.objectContaining({ id: extra.id, object: 'invoiceitem', deleted: true }));
    await expect(stripe.invoiceItems.retrieve(extra.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });

    await advance(AFTER_RENEWAL);
    const renewal = await latestInvoice(stripe, sub.id);
    expect(renewal.amount_due).toBe(2600);
    expect(renewal.lines.data[1]).toMatchObject({
      amount: 700,
      description: 'Onboarding',
      parent: { type: 'invoice_item_details', invoice_item_details: { invoice_item: setup.id, proration: false } },
    });
    await expect(stripe.invoiceItems.del(setup.id)).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' });
    await expect(stripe.invoiceItems.update(setup.id, { description: 'Late' })).rejects.toMatchObject({ statusCode: 400 });
    const events = (await stripe.events.list({ limit: 100 })).data.filter((e) => e.type.startsWith('invoiceitem.'));
    expect(events.map((e) => [e.type, (e.data.object as Stripe.InvoiceItem).id])).toEqual([
      ['invoiceitem.deleted', extra.id],
      ['invoiceitem.created', extra.id],
      ['invoiceitem.created', expect.stringMatching(/^ii_/)],
      ['invoiceitem.created', setup.id],
    ]);
  });

  test('an amount and a currency, or a price, are required', async () => {
    const { stripe, customer, proPrice } = await world();
    await expect(stripe.invoiceItems.create({ customer: customer.id, currency: 'usd' })).rejects.toMatchObject({ statusCode: 400, param: 'amount' });
    const fromPrice = await stripe.invoiceItems.create({ customer: customer.id, pricing: { price: proPrice.id }, quantity: 2 });
    expect(fromPrice).toMatchObject({ amount: 4000, quantity: 2, pricing: { price_details: { price: proPrice.id } } });
  });
});

describe('create_preview', () => {
  test('the preview of an always_invoice change equals the invoice the change then produces', async () => {
    const { stripe, customer, plusPrice, sub, advance } = await world();
    await advance(JAN_1 + 1_000_000);
    const change = { items: [{ id: sub.items.data[0].id, price: plusPrice.id }], proration_date: JAN_1 + 999_000 };
    const preview = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: { ...change, proration_behavior: 'always_invoice' },
    });
    expect(preview.id).toMatch(/^upcoming_in_/);
    expect(preview).toMatchObject({ status: 'draft', billing_reason: 'subscription_update' });
    const updated = await stripe.subscriptions.update(sub.id, { ...change, proration_behavior: 'always_invoice' });
    const actual = await stripe.invoices.retrieve(String(updated.latest_invoice));
    expect(preview.amount_due).toBe(actual.amount_due);
    expect(preview.lines.data.map((l) => [l.amount, l.description, l.period])).toEqual(actual.lines.data.map((l) => [l.amount, l.description, l.period]));
    // 1,679,400 of 2,678,400 seconds left: -1254.03 and 3135.08.
    expect(actual.amount_due).toBe(1881);
    // Previews are not invoices: they are not listed.
    expect((await stripe.invoices.list({ customer: customer.id })).data.map((i) => i.id)).not.toContain(preview.id);
  });

  test('the preview of a create_prorations change is the renewal, prorations included, equal to the renewal that follows', async () => {
    const { stripe, customer, plusPrice, sub, advance } = await world();
    await advance(HALF);
    const change = { items: [{ id: sub.items.data[0].id, price: plusPrice.id }], proration_date: HALF };
    const preview = await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id, subscription_details: change });
    expect(preview).toMatchObject({ billing_reason: 'subscription_cycle', created: FEB_1, amount_due: 6500 });
    expect(lineSummary(preview)).toEqual([
      [5000, false],
      [-1000, true],
      [2500, true],
    ]);
    await stripe.subscriptions.update(sub.id, change);
    await advance(AFTER_RENEWAL);
    const renewal = await latestInvoice(stripe, sub.id);
    expect([renewal.amount_due, lineSummary(renewal)]).toEqual([preview.amount_due, lineSummary(preview)]);
  });

  test('without a change: the next renewal with the pending items; none for a subscription ending at period end', async () => {
    const { stripe, customer, sub } = await world();
    await stripe.invoiceItems.create({ customer: customer.id, amount: 450, currency: 'usd' });
    const preview = await stripe.invoices.createPreview({ subscription: sub.id });
    expect([preview.amount_due, lineSummary(preview), preview.period_start, preview.period_end]).toEqual([2450, [[2000, false], [450, false]], JAN_1, FEB_1]);
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await expect(stripe.invoices.createPreview({ subscription: sub.id })).rejects.toMatchObject({ statusCode: 400, code: 'invoice_upcoming_none' });
  });
});

describe('customer balance', () => {
  test('balance transactions; a credit is applied to the next invoice when it is finalized', async () => {
    const { stripe, customer, sub, advance } = await world();
    const credit = await stripe.customers.createBalanceTransaction(customer.id, { amount: -500, currency: 'usd', description: 'Referral' });
    expectStripeShape(credit, 'customer_balance_transaction');
    expect(credit).toMatchObject({ object: 'customer_balance_transaction', amount: -500, ending_balance: -500, type: 'adjustment', invoice: null, created: JAN_1 });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ balance: -500, currency: 'usd' });
    expect((await stripe.customers.retrieveBalanceTransaction(customer.id, credit.id)).description).toBe('Referral');

    const preview = await stripe.invoices.createPreview({ subscription: sub.id });
    expect([preview.starting_balance, preview.total, preview.amount_due]).toEqual([-500, 2000, 1500]);

    await advance(AFTER_RENEWAL);
    const renewal = await latestInvoice(stripe, sub.id);
    expect(renewal).toMatchObject({ total: 2000, starting_balance: -500, ending_balance: 0, amount_due: 1500, amount_paid: 1500, status: 'paid' });
    const transactions = await stripe.customers.listBalanceTransactions(customer.id);
    expect(transactions.data.map((t) => [t.type, t.amount, t.ending_balance, t.invoice])).toEqual([
      ['applied_to_invoice', 500, 0, renewal.id],
      ['adjustment', -500, -500, null],
    ]);
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(0);
  });

  test('a downgrade invoiced at once leaves its net credit on the balance, and the renewal uses it', async () => {
    const { stripe, customer, sub, advance } = await world();
    const lite = await stripe.prices.create({ product_data: { name: 'Lite' }, unit_amount: 500, currency: 'usd', recurring: { interval: 'month' } });
    await advance(HALF);
    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0].id, price: lite.id }],
      proration_behavior: 'always_invoice',
    });
    const invoice = await stripe.invoices.retrieve(String(updated.latest_invoice));
    expect(invoice).toMatchObject({ total: -750, amount_due: 0, starting_balance: 0, ending_balance: -750, status: 'paid' });
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(-750);
    await advance(AFTER_RENEWAL);
    const renewal = await latestInvoice(stripe, sub.id);
    expect(renewal).toMatchObject({ total: 500, starting_balance: -750, ending_balance: -250, amount_due: 0 });
  });
});

describe('payment_behavior on an item update invoiced at once', () => {
  async function failingCard(key: string, customer: string) {
    const res = await fetch(`${emulator.url}/_emulator/customers/${customer}/card`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ card: '4000000000000341' }),
    });
    expect(res.status).toBe(200);
  }

  test('error_if_incomplete: a declined charge is a 402 and nothing changes', async () => {
    const key = newKey();
    const { stripe, customer, plusPrice, sub, advance } = await world({ key });
    await advance(HALF);
    await failingCard(key, customer.id);
    await expect(
      stripe.subscriptions.update(sub.id, {
        items: [{ id: sub.items.data[0].id, price: plusPrice.id }],
        proration_behavior: 'always_invoice',
        payment_behavior: 'error_if_incomplete',
        metadata: { plan: 'plus' },
      }),
    ).rejects.toMatchObject({ statusCode: 402, type: 'StripeCardError', code: 'card_declined' });
    const after = await stripe.subscriptions.retrieve(sub.id);
    expect([after.items.data[0].price.id, after.metadata, after.latest_invoice, after.status]).toEqual([sub.items.data[0].price.id, {}, sub.latest_invoice, 'active']);
    expect((await stripe.invoiceItems.list({ customer: customer.id })).data).toEqual([]);
  });

  test('allow_incomplete (default): the update applies, its invoice stays open and the subscription is past_due', async () => {
    const key = newKey();
    const { stripe, customer, plusPrice, sub, advance } = await world({ key });
    await advance(HALF);
    await failingCard(key, customer.id);
    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0].id, price: plusPrice.id }],
      proration_behavior: 'always_invoice',
    });
    expect([updated.status, updated.items.data[0].price.id]).toEqual(['past_due', plusPrice.id]);
    expect(await stripe.invoices.retrieve(String(updated.latest_invoice))).toMatchObject({ status: 'open', amount_due: 1500, amount_paid: 0, attempt_count: 1 });
  });
});
