// A customer's credit balance (docs.stripe.com/billing/customer/balance): negative is credit the
// customer has with the account, positive is an amount owed. Each change is a balance transaction;
// invoices take the balance into account when they are finalized (`starting_balance`,
// `ending_balance`), and an invoice whose total is negative (a downgrade's proration credit)
// leaves its credit on the balance instead of paying it out.
import type Stripe from 'stripe';
import { clockNow } from './clock';
import type { Ctx, Route } from './context';
import { liveCustomer, testClockOf } from './customers';
import { invalidRequest, missingParam, resourceMissing } from './errors';
import { emit } from './events';
import { mergeMetadata } from './form';
import { clone, find, insert, listAll, newId, paginate, previousAttributes } from './store';

interface BalanceChange {
  amount: number;
  currency: string;
  type: Stripe.CustomerBalanceTransaction.Type;
  invoice: string | null;
  description: string | null;
  metadata: Record<string, string>;
}

function recordBalanceTransaction(ctx: Ctx, customer: Stripe.Customer, change: BalanceChange, at: number): Stripe.CustomerBalanceTransaction {
  const before = clone(customer);
  customer.balance += change.amount;
  customer.currency = customer.currency ?? change.currency;
  const transaction: Stripe.CustomerBalanceTransaction = {
    id: newId('cbtxn'),
    object: 'customer_balance_transaction',
    amount: change.amount,
    checkout_session: null,
    created: at,
    credit_note: null,
    currency: change.currency,
    customer: customer.id,
    customer_account: null,
    description: change.description,
    ending_balance: customer.balance,
    invoice: change.invoice,
    livemode: ctx.account.livemode,
    metadata: change.metadata,
    type: change.type,
  };
  insert(ctx.account, 'customer_balance_transactions', transaction);
  emit(ctx, 'customer.updated', customer, { previous: previousAttributes(before, customer), at });
  return transaction;
}

/**
 * What an invoice of `total` owes once a balance of `starting` is taken into account: credit
 * (negative) reduces it down to zero, a debit (positive) adds to it, and a negative total adds
 * to the credit.
 */
export function balanceOutcome(starting: number, total: number): { amountDue: number; endingBalance: number } {
  return { amountDue: Math.max(total + starting, 0), endingBalance: Math.min(total + starting, 0) };
}

/** Shows the customer's balance on an invoice not yet finalized (a preview): nothing is recorded. */
export function showBalance(account: Ctx['account'], invoice: Stripe.Invoice): void {
  const customer = find(account, 'customers', String(invoice.customer));
  const starting = customer && !customer.deleted ? customer.balance : 0;
  const { amountDue } = balanceOutcome(starting, invoice.total);
  invoice.starting_balance = starting;
  invoice.amount_due = amountDue;
  invoice.amount_remaining = amountDue;
}

/** Applies the customer's balance to an invoice being finalized, with its `applied_to_invoice` transaction. */
export function applyCustomerBalance(ctx: Ctx, invoice: Stripe.Invoice, at: number): void {
  const customer = find(ctx.account, 'customers', String(invoice.customer));
  if (!customer || customer.deleted) {
    invoice.ending_balance = 0;
    return;
  }
  const starting = customer.balance;
  const { amountDue, endingBalance } = balanceOutcome(starting, invoice.total);
  invoice.starting_balance = starting;
  invoice.ending_balance = endingBalance;
  invoice.amount_due = amountDue;
  invoice.amount_remaining = amountDue;
  if (endingBalance !== starting) {
    recordBalanceTransaction(
      ctx,
      customer,
      { amount: endingBalance - starting, currency: invoice.currency, type: 'applied_to_invoice', invoice: invoice.id, description: null, metadata: {} },
      at,
    );
  }
}

function transactionOf(ctx: Ctx, customer: string, id: string): Stripe.CustomerBalanceTransaction {
  const transaction = find(ctx.account, 'customer_balance_transactions', id);
  if (!transaction || transaction.customer !== customer) throw resourceMissing('customer_balance_transaction', id);
  return transaction;
}

export const customerBalanceRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/customers/:customer/balance_transactions',
    handler: (req) => {
      const customer = liveCustomer(req.account, req.params.customer, 'customer');
      const amount = req.body.integer('amount');
      if (amount === undefined) throw missingParam('amount');
      const currency = req.body.requiredString('currency').toLowerCase();
      if (customer.currency && customer.currency !== currency) {
        throw invalidRequest(`The currency must be the customer's currency (${customer.currency}).`, 'currency');
      }
      return recordBalanceTransaction(
        req,
        customer,
        {
          amount,
          currency,
          type: 'adjustment',
          invoice: null,
          description: req.body.string('description') ?? null,
          metadata: mergeMetadata({}, req.body.metadata()),
        },
        clockNow(req.account, testClockOf(customer)),
      );
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/:customer/balance_transactions/:id',
    handler: (req) => transactionOf(req, req.params.customer, req.params.id),
  },
  {
    method: 'POST',
    path: '/v1/customers/:customer/balance_transactions/:id',
    handler: (req) => {
      const transaction = transactionOf(req, req.params.customer, req.params.id);
      transaction.metadata = mergeMetadata(transaction.metadata, req.body.metadata());
      const description = req.body.nullableString('description');
      if (description !== undefined) transaction.description = description;
      return transaction;
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/:customer/balance_transactions',
    handler: (req) => {
      const customer = liveCustomer(req.account, req.params.customer, 'customer');
      const transactions = listAll(req.account, 'customer_balance_transactions').filter((t) => t.customer === customer.id);
      return paginate(transactions, req.body, `/v1/customers/${customer.id}/balance_transactions`);
    },
  },
];
