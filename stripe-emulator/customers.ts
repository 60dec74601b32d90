import type Stripe from 'stripe';
import { clockNow } from './clock';
import type { Ctx, Route } from './context';
import { resourceMissing } from './errors';
import { emit } from './events';
import { mergeMetadata, type Metadata, type Params } from './form';
import { attachPaymentMethod } from './payment-methods';
import { cancelSubscriptionsOf } from './subscriptions';
import { clone, findOr404, insert, listAll, newId, paginate, previousAttributes, randomString, type AccountState } from './store';

interface NewCustomer {
  email?: string | null;
  name?: string | null;
  description?: string | null;
  phone?: string | null;
  metadata?: Metadata | null;
  testClock?: string | null;
  paymentMethods?: PaymentMethodRequest;
}

export function createCustomer(ctx: Ctx, input: NewCustomer): Stripe.Customer {
  const testClock = input.testClock ?? null;
  if (testClock) findOr404(ctx.account, 'test_clocks', testClock, 'test_clock');
  const created = clockNow(ctx.account, testClock);
  const customer: Stripe.Customer = {
    id: newId('cus', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created,
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: input.description ?? null,
    discount: null,
    email: input.email ?? null,
    invoice_prefix: randomString(8, '0123456789ABCDEF'),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: ctx.account.livemode,
    metadata: mergeMetadata({}, input.metadata),
    name: input.name ?? null,
    next_invoice_sequence: 1,
    phone: input.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: testClock,
  };
  if (input.paymentMethods) applyPaymentMethods(ctx.account, customer, input.paymentMethods);
  insert(ctx.account, 'customers', customer);
  emit(ctx, 'customer.created', customer, { at: created });
  return customer;
}

/** `payment_method` (create only) and `invoice_settings[default_payment_method]` of a request. */
interface PaymentMethodRequest {
  attach?: string;
  makeDefault?: string | null;
}

function paymentMethodRequest(body: Params, canAttach: boolean): PaymentMethodRequest {
  return {
    attach: canAttach ? body.string('payment_method') : undefined,
    makeDefault: body.object('invoice_settings')?.nullableString('default_payment_method'),
  };
}

/**
 * Attaches the requested card and sets the default one invoices charge. Naming the same test id in
 * both means the same card, as in Stripe's own examples (`pm_card_visa` twice).
 */
function applyPaymentMethods(account: AccountState, customer: Stripe.Customer, { attach, makeDefault }: PaymentMethodRequest): void {
  const attached = attach ? attachPaymentMethod(account, customer.id, attach, 'payment_method') : null;
  if (makeDefault === undefined) return;
  customer.invoice_settings.default_payment_method =
    makeDefault === null
      ? null
      : makeDefault === attach
        ? attached
        : attachPaymentMethod(account, customer.id, makeDefault, 'invoice_settings[default_payment_method]');
}

/** A customer that exists and is not deleted; what every resource referencing one needs. */
export function liveCustomer(account: AccountState, id: string, param = 'customer'): Stripe.Customer {
  const customer = findOr404(account, 'customers', id, param);
  if (customer.deleted) throw resourceMissing('customer', id, param);
  return customer;
}

function profileFields(body: Params): NewCustomer {
  return {
    email: body.nullableString('email'),
    name: body.nullableString('name'),
    description: body.nullableString('description'),
    phone: body.nullableString('phone'),
  };
}

export const customerRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/customers',
    handler: (req) =>
      createCustomer(req, {
        ...profileFields(req.body),
        metadata: req.body.metadata(),
        testClock: req.body.string('test_clock'),
        paymentMethods: paymentMethodRequest(req.body, true),
      }),
  },
  {
    method: 'GET',
    path: '/v1/customers/:id',
    handler: ({ account, params }) => findOr404(account, 'customers', params.id),
  },
  {
    method: 'POST',
    path: '/v1/customers/:id',
    handler: (req) => {
      const customer = liveCustomer(req.account, req.params.id, 'id');
      const before = clone(customer);
      for (const [field, value] of Object.entries(profileFields(req.body))) {
        if (value !== undefined) Object.assign(customer, { [field]: value });
      }
      customer.metadata = mergeMetadata(customer.metadata, req.body.metadata());
      applyPaymentMethods(req.account, customer, paymentMethodRequest(req.body, false));
      const previous = previousAttributes(before, customer);
      if (Object.keys(previous).length > 0) {
        emit(req, 'customer.updated', customer, { previous, at: clockNow(req.account, testClockOf(customer)) });
      }
      return customer;
    },
  },
  {
    method: 'DELETE',
    path: '/v1/customers/:id',
    handler: (req) => {
      const customer = liveCustomer(req.account, req.params.id, 'id');
      const stub: Stripe.DeletedCustomer = { id: customer.id, object: 'customer', deleted: true };
      const now = clockNow(req.account, testClockOf(customer));
      cancelSubscriptionsOf(req, customer.id, now);
      req.account.objects.customers[customer.id] = stub;
      emit(req, 'customer.deleted', customer, { at: now });
      return stub;
    },
  },
  {
    method: 'GET',
    path: '/v1/customers',
    handler: ({ account, body }) => {
      const email = body.string('email');
      const testClock = body.string('test_clock');
      const customers = listAll(account, 'customers').filter(
        (c): c is Stripe.Customer =>
          !c.deleted && (!email || c.email === email) && (!testClock || c.test_clock === testClock),
      );
      return paginate(customers, body, '/v1/customers');
    },
  },
];

export function testClockOf(owner: { test_clock?: string | Stripe.TestHelpers.TestClock | null }): string | null {
  const clock = owner.test_clock;
  return typeof clock === 'string' ? clock : (clock?.id ?? null);
}
