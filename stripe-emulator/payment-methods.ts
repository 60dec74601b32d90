// Cards as the billing engine needs them: which customer has a default card, and whether charging
// it succeeds. Stripe's test numbers and test PaymentMethod ids decide the outcome:
// https://docs.stripe.com/testing#cards and #declined-payments. The card details themselves
// (brand, expiry, PaymentMethod objects) are not emulated: only their id and outcome.
import type Stripe from 'stripe';
import { clockNow } from './clock';
import type { Ctx } from './context';
import { liveCustomer, testClockOf } from './customers';
import { StripeApiError, cardDeclined, invalidRequest, resourceMissing } from './errors';
import { emit } from './events';
import { clone, newId, previousAttributes, type AccountState } from './store';

/** Cards Stripe declines when they are first used (Checkout, attach): they never become a customer's card. */
export const DECLINED_ON_ATTACH: Record<string, string> = {
  '4000000000000002': 'generic_decline',
  '4000000000009995': 'insufficient_funds',
  '4000000000009987': 'lost_card',
  '4000000000009979': 'stolen_card',
};

/** Attaches to a customer, then every charge on it is declined. */
export const FAILS_CHARGES_CARD = '4000000000000341';

// Stripe's test PaymentMethod ids, usable wherever a PaymentMethod id is accepted in test mode.
const TEST_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_amex: '378282246310005',
  pm_card_chargeCustomerFail: FAILS_CHARGES_CARD,
};

function isLuhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((char, i) => {
    const d = Number(char) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return digits.length >= 12 && sum % 10 === 0;
}

/** A card number typed into a form: digits only, or Stripe's card error for it. */
export function validCardNumber(input: string): string {
  const digits = input.replace(/[\s-]/g, '');
  const declineCode = DECLINED_ON_ATTACH[digits];
  if (declineCode) throw cardDeclined(declineCode);
  if (!/^\d+$/.test(digits) || !isLuhnValid(digits)) {
    throw new StripeApiError(402, { type: 'card_error', code: 'incorrect_number', message: 'Your card number is incorrect.', param: 'number' });
  }
  return digits;
}

/** Stores a card for the customer and returns its new `pm_` id (not yet the default). */
export function attachCard(account: AccountState, customer: string, digits: string): string {
  const id = newId('pm');
  account.cards[id] = { customer, last4: digits.slice(-4), failsCharges: digits === FAILS_CHARGES_CARD };
  return id;
}

/** Resolves a PaymentMethod id given in a request: a test id (`pm_card_visa`) attaches a new card. */
export function attachPaymentMethod(account: AccountState, customer: string, id: string, param: string): string {
  const testNumber = TEST_PAYMENT_METHODS[id];
  if (testNumber) return attachCard(account, customer, testNumber);
  const card = account.cards[id];
  if (!card) throw resourceMissing('PaymentMethod', id, param);
  if (card.customer !== customer) {
    throw invalidRequest(`The payment method ${id} belongs to another customer.`, param);
  }
  return id;
}

/**
 * Makes `digits` the customer's default card (or removes it, with null), as the portal's and
 * Checkout's card forms and the emulator's card control do; emits `customer.updated`.
 */
export function setDefaultCard(ctx: Ctx, customer: Stripe.Customer, digits: string | null): void {
  const before = clone(customer);
  const old = customer.invoice_settings.default_payment_method;
  if (typeof old === 'string') delete ctx.account.cards[old];
  customer.invoice_settings.default_payment_method = digits === null ? null : attachCard(ctx.account, customer.id, digits);
  emit(ctx, 'customer.updated', customer, {
    previous: previousAttributes(before, customer),
    at: clockNow(ctx.account, testClockOf(customer)),
  });
}

/** The emulator's card control and the portal's card form: a test card number, or null to remove the card. */
export function setCustomerCard(ctx: Ctx, customerId: string, card: string | null): Stripe.Customer {
  const customer = liveCustomer(ctx.account, customerId);
  setDefaultCard(ctx, customer, card === null ? null : validCardNumber(card));
  return customer;
}

export function defaultCardLast4(account: AccountState, customer: Stripe.Customer): string | null {
  const pm = customer.invoice_settings.default_payment_method;
  return typeof pm === 'string' ? (account.cards[pm]?.last4 ?? null) : null;
}

/** Charges the customer's default card: null when it pays, otherwise the error Stripe answers. */
export function chargeError(account: AccountState, customer: Stripe.Customer | Stripe.DeletedCustomer): StripeApiError | null {
  const pm = customer.deleted ? null : customer.invoice_settings.default_payment_method;
  const card = typeof pm === 'string' ? account.cards[pm] : undefined;
  if (!card) {
    return new StripeApiError(400, {
      type: 'invalid_request_error',
      message: 'This customer has no attached payment source or default payment method.',
    });
  }
  return card.failsCharges ? cardDeclined() : null;
}
