// The billing lifecycle as Stripe runs it, through the official SDK over HTTP: draft renewals
// finalized an hour later, dunning (retries, final actions, recovery), incomplete subscriptions,
// cards, hosted invoices, trial notices, coupons that outlive their deletion or expire, and
// flexible billing mode. Every scenario runs on a test clock, so times are exact.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const HOUR = 3600;
const DAY = 86_400;
const PAYS = '4242424242424242';
const FAILS = '4000000000000341';
const VISA = { payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } };

interface Scene {
  key: string;
  stripe: Stripe;
  clock: Stripe.TestHelpers.TestClock;
  start: number;
  price: Stripe.Price;
  product: Stripe.Product;
}

async function scene(unitAmount = 1000): Promise<Scene> {
  const key = newKey();
  const stripe = sdk(emulator, key);
  // Midnight UTC on the 1st: month lengths are predictable.
  const start = Date.UTC(2027, 0, 1) / 1000;
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
  const product = await stripe.products.create({ name: 'Pro' });
  const price = await stripe.prices.create({ product: product.id, unit_amount: unitAmount, currency: 'usd', recurring: { interval: 'month' } });
  return { key, stripe, clock, start, price, product };
}

function customer(s: Scene, extra: Stripe.CustomerCreateParams = VISA) {
  return s.stripe.customers.create({ email: 'payer@example.com', test_clock: s.clock.id, ...extra });
}

function advance(s: Scene, to: number) {
  return s.stripe.testHelpers.testClocks.advance(s.clock.id, { frozen_time: to });
}

async function control(s: Scene, path: string, body: object) {
  const res = await fetch(`${emulator.url}/_emulator/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const setCard = (s: Scene, cus: string, card: string | null) => control(s, `customers/${cus}/card`, { card });

/** Event types since `since` (oldest first), each with its time, for one object id. */
async function eventsOf(s: Scene, objectId: string, types: string[] = ['*']) {
  const events = (await s.stripe.events.list({ limit: 100 })).data.reverse();
  return events
    .filter((e) => (e.data.object as { id?: string }).id === objectId && (types[0] === '*' || types.includes(e.type)))
    .map((e) => [e.type, e.created] as const);
}

describe('renewals', () => {
  test('the renewal invoice is a draft for an hour, then finalized (hosted page, PDF) and paid', async () => {
    const s = await scene(1500);
    const cus = await customer(s);
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }] });
    const periodEnd = Date.UTC(2027, 1, 1) / 1000;
    expect(sub.items.data[0].current_period_end).toBe(periodEnd);

    await advance(s, periodEnd);
    const rolled = await s.stripe.subscriptions.retrieve(sub.id);
    expect(rolled).toMatchObject({ status: 'active' });
    expect(rolled.items.data[0]).toMatchObject({ current_period_start: periodEnd, current_period_end: Date.UTC(2027, 2, 1) / 1000 });
    const draft = await s.stripe.invoices.retrieve(String(rolled.latest_invoice));
    expect(draft).toMatchObject({
      status: 'draft',
      billing_reason: 'subscription_cycle',
      created: periodEnd,
      automatically_finalizes_at: periodEnd + HOUR,
      hosted_invoice_url: null,
      invoice_pdf: null,
      number: null,
      amount_due: 1500,
    });
    expect((await fetch(`${emulator.url}/invoice/${draft.id}`)).status).toBe(404);

    await advance(s, periodEnd + HOUR);
    const paid = await s.stripe.invoices.retrieve(draft.id);
    expect(paid).toMatchObject({
      status: 'paid',
      automatically_finalizes_at: null,
      amount_paid: 1500,
      attempt_count: 1,
      hosted_invoice_url: `${emulator.url}/invoice/${draft.id}`,
      invoice_pdf: `${emulator.url}/invoice/${draft.id}/pdf`,
      status_transitions: { finalized_at: periodEnd + HOUR, paid_at: periodEnd + HOUR },
    });
    expect(paid.number).toMatch(/^[0-9A-F]{8}-0002$/);
    expect(await eventsOf(s, draft.id)).toEqual([
      ['invoice.created', periodEnd],
      ['invoice.finalized', periodEnd + HOUR],
      ['invoice.paid', periodEnd + HOUR],
      ['invoice.payment_succeeded', periodEnd + HOUR],
    ]);
    expect(await eventsOf(s, sub.id, ['customer.subscription.updated'])).toEqual([['customer.subscription.updated', periodEnd]]);

    const page = await fetch(paid.hosted_invoice_url!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Invoice ${paid.number}`);
    expect(html).toContain('data-status="paid"');
    expect(html).toContain('15.00 USD');
    expect(html).toContain('1 × Pro (at 15.00 USD / month)');
    const pdf = await fetch(paid.invoice_pdf!);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(bytes.startsWith('%PDF-1.4')).toBe(true);
    expect(bytes).toContain(`(Invoice ${paid.number})`);
    expect(bytes.trimEnd().endsWith('%%EOF')).toBe(true);
  });
});

describe('dunning', () => {
  test('default schedule: retries 3, 5 and 7 days apart, then the subscription is canceled and the invoice left open', async () => {
    const s = await scene(2000);
    const cus = await customer(s);
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }] });
    expect(await setCard(s, cus.id, FAILS)).toMatchObject({ status: 200, body: { customer: cus.id } });
    const due = Date.UTC(2027, 1, 1) / 1000 + HOUR;

    await advance(s, due);
    let invoice = await s.stripe.invoices.retrieve(String((await s.stripe.subscriptions.retrieve(sub.id)).latest_invoice));
    expect(invoice).toMatchObject({ status: 'open', attempted: true, attempt_count: 1, next_payment_attempt: due + 3 * DAY, amount_remaining: 2000 });
    expect(await s.stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'past_due' });

    await advance(s, due + 3 * DAY);
    invoice = await s.stripe.invoices.retrieve(invoice.id);
    expect(invoice).toMatchObject({ attempt_count: 2, next_payment_attempt: due + 8 * DAY });
    await advance(s, due + 8 * DAY);
    expect(await s.stripe.invoices.retrieve(invoice.id)).toMatchObject({ attempt_count: 3, next_payment_attempt: due + 15 * DAY });
    await advance(s, due + 15 * DAY);

    expect(await s.stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: 'open', attempt_count: 4, next_payment_attempt: null });
    expect(await s.stripe.subscriptions.retrieve(sub.id)).toMatchObject({
      status: 'canceled',
      ended_at: due + 15 * DAY,
      canceled_at: due + 15 * DAY,
      cancellation_details: { reason: 'payment_failed' },
    });
    const attempts = [due, due + 3 * DAY, due + 8 * DAY, due + 15 * DAY];
    expect(await eventsOf(s, invoice.id, ['invoice.payment_failed'])).toEqual(attempts.map((at) => ['invoice.payment_failed', at]));
    const updates = (await s.stripe.events.list({ type: 'invoice.updated' })).data.filter((e) => (e.data.object as Stripe.Invoice).id === invoice.id);
    expect(updates.map((e) => e.data.previous_attributes)).toEqual([
      { attempt_count: 3, next_payment_attempt: due + 15 * DAY },
      { attempt_count: 2, next_payment_attempt: due + 8 * DAY },
      { attempt_count: 1, next_payment_attempt: due + 3 * DAY },
      { attempt_count: 0, attempted: false, next_payment_attempt: null },
    ]);
    expect(await eventsOf(s, sub.id, ['customer.subscription.updated', 'customer.subscription.deleted'])).toEqual([
      ['customer.subscription.updated', due - HOUR],
      ['customer.subscription.updated', due],
      ['customer.subscription.deleted', due + 15 * DAY],
    ]);
  });

  test('per-account settings: final action unpaid after the custom schedule; or left past_due', async () => {
    for (const finalAction of ['unpaid', 'past_due'] as const) {
      const s = await scene();
      const settings = await control(s, 'settings', { dunning: { retryDays: [2], finalAction } });
      expect(settings).toMatchObject({ status: 200, body: { settings: { dunning: { retryDays: [2], finalAction } } } });
      const cus = await customer(s);
      const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }] });
      await setCard(s, cus.id, FAILS);
      const due = Date.UTC(2027, 1, 1) / 1000 + HOUR;
      await advance(s, due + 2 * DAY);
      const after = await s.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
      expect(after).toMatchObject({ status: finalAction, ended_at: null, latest_invoice: { status: 'open', attempt_count: 2, next_payment_attempt: null } });
    }
    const s = await scene();
    expect(await control(s, 'settings', { dunning: { finalAction: 'pause' } })).toMatchObject({ status: 400 });
    expect(await control(s, 'settings', { dunning: { retryDays: [0] } })).toMatchObject({ status: 400 });
  });

  test('a card fixed through the emulator control pays at the next retry: invoice paid, subscription active again', async () => {
    const s = await scene(1200);
    const cus = await customer(s);
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }] });
    await setCard(s, cus.id, FAILS);
    const due = Date.UTC(2027, 1, 1) / 1000 + HOUR;
    await advance(s, due + DAY);
    expect(await setCard(s, cus.id, PAYS)).toMatchObject({ status: 200 });
    // Nothing happens until the scheduled retry.
    expect(await s.stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'past_due' });
    await advance(s, due + 3 * DAY);
    const recovered = await s.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(recovered).toMatchObject({
      status: 'active',
      latest_invoice: { status: 'paid', attempt_count: 2, amount_paid: 1200, next_payment_attempt: null, status_transitions: { paid_at: due + 3 * DAY } },
    });
    const [update] = (await s.stripe.events.list({ type: 'customer.subscription.updated' })).data;
    expect(update).toMatchObject({ created: due + 3 * DAY, data: { previous_attributes: { status: 'past_due' } } });
  });

  test('the hosted portal’s card form fixes the card; a declined number is refused there', async () => {
    const s = await scene();
    const cus = await customer(s);
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }] });
    await setCard(s, cus.id, FAILS);
    const due = Date.UTC(2027, 1, 1) / 1000 + HOUR;
    await advance(s, due);
    const portal = await s.stripe.billingPortal.sessions.create({ customer: cus.id });
    const page = await (await fetch(portal.url)).text();
    expect(page).toContain('Card ending in 0341');
    expect(page).toContain(`action="/billing_portal/${portal.id}/card"`);
    const post = (card: string) => fetch(`${portal.url}/card`, { method: 'POST', body: new URLSearchParams({ card }), redirect: 'manual' });
    const declined = await post('4000000000000002');
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined.');
    const fixed = await post('4242 4242 4242 4242');
    expect(fixed.status).toBe(303);
    expect(fixed.headers.get('location')).toBe(`/billing_portal/${portal.id}`);
    expect(await (await fetch(portal.url)).text()).toContain('Card ending in 4242');
    await advance(s, due + 3 * DAY);
    expect(await s.stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'active' });
  });

  test('invoices.pay charges now (402 and one more attempt while the card fails); invoices.void', async () => {
    const s = await scene(900);
    const cus = await customer(s);
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }] });
    await setCard(s, cus.id, FAILS);
    const due = Date.UTC(2027, 1, 1) / 1000 + HOUR;
    await advance(s, due);
    const invoiceId = String((await s.stripe.subscriptions.retrieve(sub.id)).latest_invoice);
    await expect(s.stripe.invoices.pay(invoiceId)).rejects.toMatchObject({ statusCode: 402, type: 'StripeCardError', code: 'card_declined' });
    // A manual attempt counts, but leaves the retry schedule alone.
    expect(await s.stripe.invoices.retrieve(invoiceId)).toMatchObject({ status: 'open', attempt_count: 2, next_payment_attempt: due + 3 * DAY });
    await setCard(s, cus.id, PAYS);
    expect(await s.stripe.invoices.pay(invoiceId)).toMatchObject({ status: 'paid', attempt_count: 3, amount_paid: 900 });
    expect(await s.stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'active' });
    await expect(s.stripe.invoices.pay(invoiceId)).rejects.toMatchObject({ statusCode: 400, code: 'invoice_unexpected_state' });
    await expect(s.stripe.invoices.voidInvoice(invoiceId)).rejects.toMatchObject({ statusCode: 400 });

    await setCard(s, cus.id, FAILS);
    const nextDue = Date.UTC(2027, 2, 1) / 1000 + HOUR;
    await advance(s, nextDue);
    const second = String((await s.stripe.subscriptions.retrieve(sub.id)).latest_invoice);
    const voided = await s.stripe.invoices.voidInvoice(second);
    expect(voided).toMatchObject({ status: 'void', next_payment_attempt: null, amount_due: 900, status_transitions: { voided_at: nextDue } });
    expect(await eventsOf(s, second, ['invoice.voided'])).toEqual([['invoice.voided', nextDue]]);
  });
});

describe('incomplete subscriptions', () => {
  test('no card: created incomplete with an open, attempted first invoice; expired after 23 hours, invoice voided', async () => {
    const s = await scene(700);
    const cus = await customer(s, {});
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }], expand: ['latest_invoice'] });
    expect(sub).toMatchObject({ status: 'incomplete', latest_invoice: { status: 'open', attempted: true, attempt_count: 1, next_payment_attempt: null } });
    await advance(s, s.start + 23 * HOUR - 1);
    expect((await s.stripe.subscriptions.retrieve(sub.id)).status).toBe('incomplete');
    await advance(s, s.start + 23 * HOUR);
    expect(await s.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] })).toMatchObject({
      status: 'incomplete_expired',
      latest_invoice: { status: 'void' },
    });
    const [expired] = (await s.stripe.events.list({ type: 'customer.subscription.updated' })).data;
    expect(expired).toMatchObject({ created: s.start + 23 * HOUR, data: { previous_attributes: { status: 'incomplete' } } });
    // An expired subscription never renews.
    await advance(s, s.start + 40 * DAY);
    expect((await s.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
  });

  test('a card that fails (pm_card_chargeCustomerFail): incomplete; paying the invoice with a new card activates it', async () => {
    const s = await scene(700);
    const cus = await customer(s, { payment_method: 'pm_card_chargeCustomerFail', invoice_settings: { default_payment_method: 'pm_card_chargeCustomerFail' } });
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }] });
    expect(sub.status).toBe('incomplete');
    await s.stripe.customers.update(cus.id, { invoice_settings: { default_payment_method: 'pm_card_visa' } });
    expect(await s.stripe.invoices.pay(String(sub.latest_invoice))).toMatchObject({ status: 'paid', attempt_count: 2 });
    expect(await s.stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'active' });
    await advance(s, s.start + 2 * DAY);
    expect((await s.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
  });

  test('error_if_incomplete answers 402 card_declined and creates nothing; default_incomplete waits for payment', async () => {
    const s = await scene(700);
    const cus = await customer(s);
    await setCard(s, cus.id, FAILS);
    await expect(
      s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }], payment_behavior: 'error_if_incomplete' }),
    ).rejects.toMatchObject({ statusCode: 402, type: 'StripeCardError', code: 'card_declined' });
    expect((await s.stripe.subscriptions.list({ customer: cus.id, status: 'all' })).data).toEqual([]);
    expect((await s.stripe.invoices.list({ customer: cus.id })).data).toEqual([]);

    await setCard(s, cus.id, PAYS);
    const waiting = await s.stripe.subscriptions.create({
      customer: cus.id,
      items: [{ price: s.price.id }],
      payment_behavior: 'default_incomplete',
      expand: ['latest_invoice'],
    });
    expect(waiting).toMatchObject({ status: 'incomplete', latest_invoice: { status: 'open', attempted: false, attempt_count: 0 } });
    expect(await s.stripe.invoices.pay((waiting.latest_invoice as Stripe.Invoice).id)).toMatchObject({ status: 'paid', attempt_count: 1 });
    expect(await s.stripe.subscriptions.retrieve(waiting.id)).toMatchObject({ status: 'active' });
  });
});

describe('trials', () => {
  test('no card needed; trial_will_end three days before; at the end active, then past_due when the charge fails', async () => {
    const s = await scene(1100);
    const cus = await customer(s, {});
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }], trial_period_days: 14 });
    expect(sub.status).toBe('trialing');
    const trialEnd = s.start + 14 * DAY;
    await advance(s, trialEnd - 3 * DAY - 1);
    expect((await s.stripe.events.list({ type: 'customer.subscription.trial_will_end' })).data).toEqual([]);
    await advance(s, trialEnd);
    const notices = (await s.stripe.events.list({ type: 'customer.subscription.trial_will_end' })).data;
    expect(notices.map((e) => [e.created, (e.data.object as Stripe.Subscription).id])).toEqual([[trialEnd - 3 * DAY, sub.id]]);
    expect(await s.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] })).toMatchObject({
      status: 'active',
      latest_invoice: { status: 'draft', amount_due: 1100, automatically_finalizes_at: trialEnd + HOUR },
    });
    await advance(s, trialEnd + HOUR);
    expect(await s.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] })).toMatchObject({
      status: 'past_due',
      latest_invoice: { status: 'open', attempt_count: 1, next_payment_attempt: trialEnd + HOUR + 3 * DAY },
    });
  });
});

describe('coupons', () => {
  test('deleting a coupon keeps the discounts already redeemed', async () => {
    const s = await scene(2000);
    const coupon = await s.stripe.coupons.create({ percent_off: 25, duration: 'forever' });
    const cus = await customer(s);
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }], discounts: [{ coupon: coupon.id }] });
    await s.stripe.coupons.del(coupon.id);
    await expect(s.stripe.coupons.retrieve(coupon.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(
      s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }], discounts: [{ coupon: coupon.id }] }),
    ).rejects.toMatchObject({ statusCode: 404 });
    await advance(s, Date.UTC(2027, 1, 1) / 1000 + HOUR);
    const renewed = await s.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(renewed.discounts).toEqual(sub.discounts);
    expect(renewed.latest_invoice).toMatchObject({ subtotal: 2000, total: 1500, amount_paid: 1500 });
  });

  test('a repeating discount ends at discount.end: removed with its events, and the renewal cut then is full price', async () => {
    const s = await scene(2000);
    const coupon = await s.stripe.coupons.create({ amount_off: 500, currency: 'usd', duration: 'repeating', duration_in_months: 2 });
    const cus = await customer(s);
    const sub = await s.stripe.subscriptions.create({
      customer: cus.id,
      items: [{ price: s.price.id }],
      discounts: [{ coupon: coupon.id }],
      expand: ['discounts'],
    });
    const discount = sub.discounts[0] as Stripe.Discount;
    const end = Date.UTC(2027, 2, 1) / 1000;
    expect(discount.end).toBe(end);
    await advance(s, end + HOUR);
    const totals = (await s.stripe.invoices.list({ subscription: sub.id })).data.map((i) => [i.created, i.total]).reverse();
    expect(totals).toEqual([
      [s.start, 1500],
      [Date.UTC(2027, 1, 1) / 1000, 1500],
      [end, 2000],
    ]);
    expect((await s.stripe.subscriptions.retrieve(sub.id)).discounts).toEqual([]);
    const deleted = (await s.stripe.events.list({ type: 'customer.discount.deleted' })).data;
    expect(deleted.map((e) => [e.created, (e.data.object as Stripe.Discount).id])).toEqual([[end, discount.id]]);
    const removal = (await s.stripe.events.list({ type: 'customer.subscription.updated' })).data.find(
      (e) => e.created === end && e.data.previous_attributes && 'discounts' in e.data.previous_attributes,
    );
    expect(removal?.data.previous_attributes).toEqual({ discounts: [discount.id] });
  });
});

describe('billing mode', () => {
  test('new subscriptions are flexible; items of mixed intervals each renew on their own cadence', async () => {
    const s = await scene(1000);
    const yearly = await s.stripe.prices.create({ product: s.product.id, unit_amount: 9000, currency: 'usd', recurring: { interval: 'year' } });
    const cus = await customer(s);
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }, { price: yearly.id }] });
    expect(sub.billing_mode).toEqual({ type: 'flexible', flexible: { proration_discounts: 'included' }, updated_at: s.start });
    const [monthly, annual] = sub.items.data;
    expect([monthly.current_period_end, annual.current_period_end]).toEqual([Date.UTC(2027, 1, 1) / 1000, Date.UTC(2028, 0, 1) / 1000]);
    expect(await s.stripe.invoices.retrieve(String(sub.latest_invoice))).toMatchObject({ total: 10_000, status: 'paid' });

    const feb = Date.UTC(2027, 1, 1) / 1000;
    await advance(s, feb + HOUR);
    const renewed = await s.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(renewed.items.data.map((i) => [i.price.id, i.current_period_start, i.current_period_end])).toEqual([
      [s.price.id, feb, Date.UTC(2027, 2, 1) / 1000],
      [yearly.id, s.start, Date.UTC(2028, 0, 1) / 1000],
    ]);
    const invoice = renewed.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ total: 1000, status: 'paid', period_start: s.start, period_end: feb });
    expect(invoice.lines.data.map((l) => [l.pricing?.price_details?.price, l.period])).toEqual([
      [s.price.id, { start: feb, end: Date.UTC(2027, 2, 1) / 1000 }],
    ]);

    await expect(
      s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }, { price: yearly.id }], billing_mode: { type: 'classic' } }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'items' });
    const classic = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }], billing_mode: { type: 'classic' } });
    expect(classic.billing_mode).toEqual({ type: 'classic', flexible: null });
  });
});

describe('cards', () => {
  test('customer create/update take Stripe’s test PaymentMethod ids; unknown ids are 404', async () => {
    const s = await scene();
    const cus = await customer(s);
    expect(cus.invoice_settings.default_payment_method).toMatch(/^pm_/);
    const attachedOnly = await customer(s, { payment_method: 'pm_card_visa' });
    expect(attachedOnly.invoice_settings.default_payment_method).toBeNull();
    await expect(customer(s, { payment_method: 'pm_nope' })).rejects.toMatchObject({ statusCode: 404, param: 'payment_method' });
    const removed = await setCard(s, cus.id, null);
    expect(removed).toEqual({ status: 200, body: { customer: cus.id, default_payment_method: null } });
    expect(await setCard(s, 'cus_missing', PAYS)).toMatchObject({ status: 404 });
    expect(await setCard(s, cus.id, '1234')).toMatchObject({ status: 402, body: { error: { code: 'incorrect_number' } } });
    const sub = await s.stripe.subscriptions.create({ customer: cus.id, items: [{ price: s.price.id }] });
    expect(sub.status).toBe('incomplete');
  });

  test('the card paid with on the hosted Checkout page becomes the customer’s card; 4000 0000 0000 0341 is declined there', async () => {
    const s = await scene(800);
    const session = await s.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer_email: 'checkout@example.com',
      line_items: [{ price: s.price.id, quantity: 1 }],
      success_url: 'https://app.example.com/ok',
    });
    const pay = (card: string) => fetch(`${session.url}/pay`, { method: 'POST', body: new URLSearchParams({ card }), redirect: 'manual' });
    expect((await pay(FAILS)).status).toBe(402);
    expect((await pay(PAYS)).status).toBe(303);
    const done = await s.stripe.checkout.sessions.retrieve(session.id, { expand: ['customer'] });
    const buyer = done.customer as Stripe.Customer;
    expect(buyer.invoice_settings.default_payment_method).toMatch(/^pm_/);
    const portal = await s.stripe.billingPortal.sessions.create({ customer: buyer.id });
    expect(await (await fetch(portal.url)).text()).toContain('Card ending in 4242');
    const more = await s.stripe.subscriptions.create({ customer: buyer.id, items: [{ price: s.price.id }] });
    expect(more.status).toBe('active');
  });
});
