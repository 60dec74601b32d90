// Checkout Sessions. The hosted page (pages.ts) posts a card number to `payCheckoutSession`:
// 4242 4242 4242 4242 (or any other Luhn-valid number) pays and becomes the customer's card;
// Stripe's decline test cards decline (payment-methods.ts).
import type Stripe from 'stripe';
import { accountNow } from './clock';
import type { Ctx, Route } from './context';
import { discountEntries, previewDiscount, resolveDiscounts } from './coupons';
import { createCustomer, liveCustomer } from './customers';
import { cardDeclined, invalidRequest, missingParam } from './errors';
import { emit } from './events';
import { mergeMetadata, type Params } from './form';
import { FAILS_CHARGES_CARD, setDefaultCard, validCardNumber } from './payment-methods';
import { clone, find, findOr404, insert, listAll, newId, paginate, randomString, type AccountState } from './store';
import { createSubscription, recurringPrice } from './subscriptions';

function lineItemsFrom(account: AccountState, body: Params, mode: string): Stripe.LineItem[] {
  const items = body.objects('line_items');
  if (items.length === 0) throw missingParam('line_items');
  return items.map((item) => {
    const param = item.name('price');
    const price =
      mode === 'subscription' ? recurringPrice(account, item.requiredString('price'), param) : findOr404(account, 'prices', item.requiredString('price'), param);
    if (mode === 'payment' && price.recurring) {
      throw invalidRequest(
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
        param,
      );
    }
    if (!price.active) throw invalidRequest('The price specified is inactive. This field only accepts active prices.', param);
    const quantity = item.integer('quantity', { min: 1 }) ?? 1;
    const amount = (price.unit_amount ?? 0) * quantity;
    const product = findOr404(account, 'products', String(price.product), param);
    return {
      id: newId('li'),
      object: 'item',
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: product.name,
      metadata: {},
      price: clone(price),
      quantity,
    };
  });
}

function createSession(ctx: Ctx, body: Params): Stripe.Checkout.Session {
  const { account } = ctx;
  const mode = body.oneOf('mode', ['payment', 'subscription']);
  if (!mode) throw missingParam('mode');
  const customerId = body.string('customer') ?? null;
  const customerEmail = body.string('customer_email') ?? null;
  if (customerId && customerEmail) {
    throw invalidRequest('You may only specify one of these parameters: customer, customer_email.', 'customer');
  }
  if (customerId) liveCustomer(account, customerId);
  const successUrl = body.requiredString('success_url');
  const lineItems = lineItemsFrom(account, body, mode);
  const currencies = new Set(lineItems.map((item) => item.currency));
  if (currencies.size > 1) throw invalidRequest('All line items must have the same currency.', 'line_items');
  const now = accountNow(account);
  const discounts = resolveDiscounts(account, discountEntries(body), now);
  const subtotal = lineItems.reduce((sum, item) => sum + item.amount_subtotal, 0);
  const discount = previewDiscount(discounts, subtotal);
  const subscriptionData = body.object('subscription_data');
  const expiresAt = body.integer('expires_at') ?? now + 24 * 3600;
  if (expiresAt < now + 30 * 60 || expiresAt > now + 24 * 3600) {
    throw invalidRequest('The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.', 'expires_at');
  }
  const id = `cs_${account.livemode ? 'live' : 'test'}_${randomString(58)}`;
  const session: Stripe.Checkout.Session = {
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: body.boolean('allow_promotion_codes') ?? null,
    allowed_payment_method_types: null,
    amount_subtotal: subtotal,
    amount_total: subtotal - discount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: body.string('cancel_url') ?? null,
    client_reference_id: body.string('client_reference_id') ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency: lineItems[0].currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customerId,
    customer_account: null,
    customer_creation: mode === 'payment' ? (body.oneOf('customer_creation', ['always', 'if_required']) ?? 'if_required') : null,
    customer_details: null,
    customer_email: customerEmail,
    discounts: discounts.map((d) => ({ coupon: d.coupon.id, promotion_code: d.promotionCode?.id ?? null })),
    expires_at: expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: account.livemode,
    locale: null,
    managed_payments: null,
    metadata: mergeMetadata({}, body.metadata()),
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: mode === 'subscription' ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: successUrl,
    total_details: { amount_discount: discount, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted_page',
    url: `${ctx.runtime.origin}/checkout/${id}`,
    wallet_options: null,
  };
  account.checkoutDetails[id] = {
    lineItems,
    trialPeriodDays: subscriptionData?.integer('trial_period_days', { min: 1 }) ?? null,
    trialEnd: subscriptionData?.integer('trial_end', { min: 0 }) ?? null,
    subscriptionMetadata: subscriptionData?.metadata() ?? {},
    subscriptionDescription: subscriptionData?.string('description') ?? null,
  };
  return insert(account, 'checkout_sessions', session);
}

function assertOpen(session: Stripe.Checkout.Session): void {
  if (session.status !== 'open') {
    throw invalidRequest(`This Checkout Session is no longer active (status: ${session.status}).`, undefined, 'checkout_session_inactive');
  }
}

/** Pays an open session with a test card number: completes it, or throws a card error. */
export function payCheckoutSession(ctx: Ctx, session: Stripe.Checkout.Session, card: string): void {
  const { account } = ctx;
  assertOpen(session);
  const digits = validCardNumber(card);
  // A card that attaches but fails charges fails the payment Checkout makes right away.
  if (digits === FAILS_CHARGES_CARD && (session.amount_total ?? 0) > 0) throw cardDeclined();
  const details = account.checkoutDetails[session.id];
  const now = accountNow(account);
  const existing = session.customer ? liveCustomer(account, String(session.customer)) : null;
  const needsCustomer = session.mode === 'subscription' || session.customer_creation === 'always';
  const customer = existing ?? (needsCustomer ? createCustomer(ctx, { email: session.customer_email }) : null);
  // The card paid with becomes the customer's default card, which renewals charge.
  if (customer) setDefaultCard(ctx, customer, digits);
  session.customer = customer?.id ?? null;
  session.customer_details = {
    address: null,
    business_name: null,
    email: customer?.email ?? session.customer_email,
    individual_name: null,
    name: customer?.name ?? null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
  session.status = 'complete';
  session.payment_status = session.amount_total === 0 ? 'no_payment_required' : 'paid';
  if (session.mode === 'subscription' && customer) {
    const sub = createSubscription(ctx, {
      customer,
      items: details.lineItems.map((item) => ({
        price: findOr404(account, 'prices', item.price?.id ?? ''),
        quantity: item.quantity ?? 1,
      })),
      trial: details.trialEnd !== null ? { end: details.trialEnd } : details.trialPeriodDays ? { days: details.trialPeriodDays } : null,
      metadata: details.subscriptionMetadata,
      description: details.subscriptionDescription,
      discounts: resolveDiscounts(
        account,
        (session.discounts ?? []).map((d) => ({ coupon: idOf(d.coupon), promotion_code: idOf(d.promotion_code) })),
        now,
      ),
      checkoutSession: session.id,
    });
    session.subscription = sub.id;
    session.invoice = sub.latest_invoice;
    if (sub.status === 'trialing') session.payment_status = 'no_payment_required';
  }
  emit(ctx, 'checkout.session.completed', session, { at: now });
}

function idOf(value: string | { id: string } | null): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

export function expireSession(ctx: Ctx, session: Stripe.Checkout.Session, at: number): void {
  session.status = 'expired';
  session.url = null;
  emit(ctx, 'checkout.session.expired', session, { at });
}

/** The session a hosted-page URL names, whichever account it belongs to. */
export function findSessionAnywhere(accounts: Iterable<AccountState>, id: string): { account: AccountState; session: Stripe.Checkout.Session } | null {
  for (const account of accounts) {
    // `find` looks at own records only: an id like `constructor` must not reach Object.prototype.
    const session = find(account, 'checkout_sessions', id);
    if (session) return { account, session };
  }
  return null;
}

export function sessionLineItems(account: AccountState, id: string): Stripe.LineItem[] {
  return account.checkoutDetails[id]?.lineItems ?? [];
}

export const checkoutRoutes: Route[] = [
  { method: 'POST', path: '/v1/checkout/sessions', handler: (req) => createSession(req, req.body) },
  {
    method: 'GET',
    path: '/v1/checkout/sessions',
    handler: ({ account, body }) => {
      const customer = body.string('customer');
      const status = body.string('status');
      const sessions = listAll(account, 'checkout_sessions').filter(
        (session) => (!customer || idOf(session.customer) === customer) && (!status || session.status === status),
      );
      return paginate(sessions, body, '/v1/checkout/sessions');
    },
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions/:id',
    handler: ({ account, params, body }) => {
      const session = findOr404(account, 'checkout_sessions', params.id);
      if (!body.strings('expand').includes('line_items')) return session;
      const lineItems = sessionLineItems(account, session.id);
      return { ...session, line_items: paginate(lineItems, body, `/v1/checkout/sessions/${session.id}/line_items`) };
    },
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions/:id/line_items',
    handler: ({ account, params, body }) => {
      const session = findOr404(account, 'checkout_sessions', params.id);
      return paginate(sessionLineItems(account, session.id), body, `/v1/checkout/sessions/${session.id}/line_items`);
    },
  },
  {
    method: 'POST',
    path: '/v1/checkout/sessions/:id/expire',
    handler: (req) => {
      const session = findOr404(req.account, 'checkout_sessions', req.params.id);
      if (session.status !== 'open') {
        throw invalidRequest('Only Checkout Sessions with a status in ["open"] can be expired.', 'session');
      }
      expireSession(req, session, accountNow(req.account));
      return session;
    },
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions',
    handler: ({ account, body }) => {
      const customer = body.string('customer');
      const subscription = body.string('subscription');
      const status = body.string('status');
      const sessions = listAll(account, 'checkout_sessions').filter(
        (s) =>
          (!customer || s.customer === customer) &&
          (!subscription || s.subscription === subscription) &&
          (!status || s.status === status),
      );
      return paginate(sessions, body, '/v1/checkout/sessions');
    },
  },
];
