// In-memory state, one AccountState per secret key, optionally persisted to a JSON file.
// Objects are stored in plain records keyed by id: insertion order is creation order, which is
// what Stripe's lists (newest first) and cursors need, and the whole state is JSON as-is.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type Stripe from 'stripe';
import { invalidRequest, resourceMissing } from './errors';
import type { Params } from './form';

export interface Collections {
  customers: Stripe.Customer | Stripe.DeletedCustomer;
  products: Stripe.Product;
  prices: Stripe.Price;
  coupons: Stripe.Coupon;
  promotion_codes: Stripe.PromotionCode;
  discounts: Stripe.Discount;
  subscriptions: Stripe.Subscription;
  invoices: Stripe.Invoice;
  invoiceitems: Stripe.InvoiceItem;
  subscription_schedules: Stripe.SubscriptionSchedule;
  customer_balance_transactions: Stripe.CustomerBalanceTransaction;
  payment_intents: Stripe.PaymentIntent;
  charges: Stripe.Charge;
  invoice_payments: Stripe.InvoicePayment;
  refunds: Stripe.Refund;
  checkout_sessions: Stripe.Checkout.Session;
  billing_portal_sessions: Stripe.BillingPortal.Session;
  webhook_endpoints: Stripe.WebhookEndpoint;
  events: Stripe.EventBase;
  test_clocks: Stripe.TestHelpers.TestClock;
}
export type CollectionName = keyof Collections;

// Id prefix and the noun Stripe uses in "No such <label>: 'id'".
const collectionMeta: Record<CollectionName, { prefix: string; label: string }> = {
  customers: { prefix: 'cus', label: 'customer' },
  products: { prefix: 'prod', label: 'product' },
  prices: { prefix: 'price', label: 'price' },
  coupons: { prefix: '', label: 'coupon' },
  promotion_codes: { prefix: 'promo', label: 'promotion code' },
  discounts: { prefix: 'di', label: 'discount' },
  subscriptions: { prefix: 'sub', label: 'subscription' },
  invoices: { prefix: 'in', label: 'invoice' },
  invoiceitems: { prefix: 'ii', label: 'invoiceitem' },
  subscription_schedules: { prefix: 'sub_sched', label: 'subscription_schedule' },
  customer_balance_transactions: { prefix: 'cbtxn', label: 'customer_balance_transaction' },
  payment_intents: { prefix: 'pi', label: 'payment_intent' },
  charges: { prefix: 'ch', label: 'charge' },
  invoice_payments: { prefix: 'inpay', label: 'invoice_payment' },
  refunds: { prefix: 're', label: 'refund' },
  checkout_sessions: { prefix: 'cs', label: 'checkout.session' },
  billing_portal_sessions: { prefix: 'bps', label: 'billing_portal.session' },
  webhook_endpoints: { prefix: 'we', label: 'webhook endpoint' },
  events: { prefix: 'evt', label: 'event' },
  test_clocks: { prefix: 'clock', label: 'test_helpers.test_clock' },
};

export interface CheckoutDetails {
  lineItems: Stripe.LineItem[];
  trialPeriodDays: number | null;
  trialEnd: number | null;
  subscriptionMetadata: Record<string, string>;
  subscriptionDescription: string | null;
}

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
  /** Account time the response was saved at: keys expire 24 hours later. */
  created: number;
}

export interface TestCard {
  customer: string;
  last4: string;
  /** Attaches fine, but every charge is declined (4000 0000 0000 0341, pm_card_chargeCustomerFail). */
  failsCharges: boolean;
}

export type DunningFinalAction = 'cancel' | 'unpaid' | 'past_due';

export interface DunningSettings {
  /** Days after the previous attempt at which each retry runs. */
  retryDays: number[];
  /** What happens to the subscription when the last retry fails. */
  finalAction: DunningFinalAction;
}

/** Stripe's default custom schedule: 3 retries, 3, 5 and 7 days apart, then cancel. */
export function defaultDunning(): DunningSettings {
  return { retryDays: [3, 5, 7], finalAction: 'cancel' };
}

export interface AccountState {
  id: string;
  livemode: boolean;
  created: number;
  /** Seconds the account's clock runs ahead of real time. */
  clockOffset: number;
  objects: { [K in CollectionName]: Record<string, Collections[K]> };
  /** What a Checkout Session holds beyond its public fields, until it completes. */
  checkoutDetails: Record<string, CheckoutDetails>;
  /** Webhook endpoint secrets; Stripe shows them only in the create response. */
  webhookSecrets: Record<string, string>;
  /** Test cards attached to customers, by PaymentMethod id (Stripe keeps the card details; we keep the outcome). */
  cards: Record<string, TestCard>;
  /** Coupons deleted while discounts still use them: a discount keeps applying its coupon. */
  deletedCoupons: Record<string, Stripe.Coupon>;
  /** Trial end each subscription's `trial_will_end` was sent for; a new trial end re-arms it. */
  trialWillEndSent: Record<string, number>;
  /** The account's "Manage failed payments" settings (`POST /_emulator/settings`). */
  dunning: DunningSettings;
  idempotency: Record<string, StoredResponse>;
  /** The account's default API version for events (`POST /_emulator/settings`); null: the SDK's. */
  apiVersion: string | null;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomString(length: number, alphabet = ALPHABET): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function newId(prefix: string, length = 24): string {
  return `${prefix}_${randomString(length)}`;
}

export function emptyAccount(id: string, livemode: boolean, created: number): AccountState {
  const objects = Object.fromEntries(Object.keys(collectionMeta).map((name) => [name, {}]));
  return {
    id,
    livemode,
    created,
    clockOffset: 0,
    objects: objects as AccountState['objects'],
    checkoutDetails: {},
    webhookSecrets: {},
    cards: {},
    deletedCoupons: {},
    trialWillEndSent: {},
    dunning: defaultDunning(),
    idempotency: {},
    apiVersion: null,
  };
}

/** `acct_` id derived from the key, so a restarted emulator gives a key the same account. */
export function accountIdForKey(key: string): string {
  const digest = createHash('sha256').update(key).digest();
  return `acct_1${Array.from(digest.subarray(0, 15), (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

export function find<K extends CollectionName>(
  account: AccountState,
  collection: K,
  id: string,
): Collections[K] | undefined {
  return Object.hasOwn(account.objects[collection], id) ? account.objects[collection][id] : undefined;
}

export function findOr404<K extends CollectionName>(
  account: AccountState,
  collection: K,
  id: string,
  param = 'id',
): Collections[K] {
  const found = find(account, collection, id);
  if (!found) throw resourceMissing(collectionMeta[collection].label, id, param);
  return found;
}

export function insert<K extends CollectionName>(account: AccountState, collection: K, object: Collections[K]): Collections[K] {
  if (find(account, collection, object.id)) {
    throw invalidRequest(`${collectionMeta[collection].label} already exists.`, 'id', 'resource_already_exists');
  }
  const records: Record<string, Collections[K]> = account.objects[collection];
  records[object.id] = object;
  return object;
}

/** Newest first, as Stripe lists. */
export function listAll<K extends CollectionName>(account: AccountState, collection: K): Collections[K][] {
  return Object.values(account.objects[collection]).reverse();
}

/** The stored object an id points to, for `expand[]`. */
export function findAnyById(account: AccountState, id: string): unknown {
  // Longest prefix first: `sub_sched_...` is a schedule, not a subscription.
  const owners = (Object.entries(collectionMeta) as [CollectionName, { prefix: string }][])
    .filter(([, meta]) => meta.prefix && id.startsWith(`${meta.prefix}_`))
    .sort(([, a], [, b]) => b.prefix.length - a.prefix.length);
  return owners.length > 0 ? find(account, owners[0][0], id) : find(account, 'coupons', id);
}

/** Stripe's cursor pagination over a newest-first array. */
export function paginate<T extends { id: string }>(items: T[], query: Params, url: string): Stripe.ApiList<T> {
  const limit = query.integer('limit') ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest('This value must be greater than or equal to 1 and less than or equal to 100.', 'limit');
  }
  const startingAfter = query.string('starting_after');
  const endingBefore = query.string('ending_before');
  const cursorIndex = (id: string, param: string): number => {
    const index = items.findIndex((item) => item.id === id);
    if (index < 0) throw invalidRequest(`Invalid ${param} id: ${id}`, param);
    return index;
  };
  let page: T[];
  let hasMore: boolean;
  if (endingBefore) {
    const end = cursorIndex(endingBefore, 'ending_before');
    page = items.slice(Math.max(0, end - limit), end);
    hasMore = end - limit > 0;
  } else {
    const start = startingAfter ? cursorIndex(startingAfter, 'starting_after') + 1 : 0;
    page = items.slice(start, start + limit);
    hasMore = start + limit < items.length;
  }
  return { object: 'list', data: page, has_more: hasMore, url };
}

/** Decimal fields travel as strings; the SDK turns them into `Stripe.Decimal` on arrival. */
export function wireDecimal(value: number): Stripe.Decimal {
  return String(value) as unknown as Stripe.Decimal;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Top-level fields whose value changed, with their old values: Stripe's `previous_attributes`. */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const old = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const changed = Object.keys({ ...old, ...now }).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(now[k]));
  return Object.fromEntries(changed.map((k) => [k, old[k] ?? null]));
}

export interface PersistedState {
  accounts: Record<string, AccountState>;
}

export function loadState(file: string): PersistedState {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as PersistedState;
    // A state file written before a collection existed gets it empty.
    for (const account of Object.values(state.accounts)) {
      for (const name of Object.keys(collectionMeta) as CollectionName[]) account.objects[name] ??= {};
      const fresh = emptyAccount(account.id, account.livemode, account.created);
      account.cards ??= fresh.cards;
      account.deletedCoupons ??= fresh.deletedCoupons;
      account.trialWillEndSent ??= fresh.trialWillEndSent;
      account.dunning ??= fresh.dunning;
      account.apiVersion ??= fresh.apiVersion;
    }
    return state;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { accounts: {} };
    throw error;
  }
}

export function saveState(file: string, state: PersistedState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
