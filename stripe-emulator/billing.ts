// The billing engine: replays, in time order, every subscription transition (renewal, trial end,
// trial notice, expiring discount, incomplete expiry, scheduled cancellation), invoice transition
// (draft finalization, payment retry) and Checkout expiry that a clock has moved past. Events are stamped
// with the simulated moment each change happened, not the moment the clock was advanced.
import { accountNow } from './clock';
import { automatic, type Ctx } from './context';
import { expireSession } from './checkout';
import { testClockOf } from './customers';
import { invalidRequest } from './errors';
import type { Params } from './form';
import { advanceInvoice, nextInvoiceTransition } from './invoices';
import { listAll, type AccountState, type DunningSettings } from './store';
import { duePhaseTransition, runPhaseTransition } from './subscription-schedules';
import { nextSubscriptionStep, runSubscriptionStep, type SubscriptionStep } from './subscriptions';

/** The earliest step of a subscription or invoice living on `testClock` (null: the account clock). */
function nextDue(account: AccountState, testClock: string | null): { at: number; run(ctx: Ctx): void } | null {
  let due: SubscriptionStep | null = null;
  for (const sub of Object.values(account.objects.subscriptions)) {
    if (testClockOf(sub) !== testClock) continue;
    const next = nextSubscriptionStep(account, sub);
    if (next && (!due || next.at < due.at)) due = next;
  }
  const invoiceDue = nextInvoiceTransition(account, testClock);
  if (invoiceDue && (!due || invoiceDue.at < due.at)) {
    const { invoice, at } = invoiceDue;
    return { at, run: (ctx) => advanceInvoice(ctx, invoice, at) };
  }
  const step = due;
  return step && { at: step.at, run: (ctx) => runSubscriptionStep(ctx, step) };
}

/** Runs every transition on `testClock` (null: the account clock) due by `until`, in time order. */
export function runDueTransitions(ctx: Ctx, testClock: string | null, until: number): void {
  const engine = automatic(ctx);
  for (;;) {
    const due = nextDue(ctx.account, testClock);
    // Subscription schedules (subscription-schedules.ts): a phase ending runs first at a tie.
    const phase = duePhaseTransition(ctx.account, testClock, until);
    if (phase && (!due || due.at > until || phase.at <= due.at)) {
      runPhaseTransition(engine, phase.schedule);
      continue;
    }
    if (!due || due.at > until) return;
    due.run(engine);
  }
}

/** Brings an account up to its clock's present: run before every API call and after time moves. */
export function settleAccount(ctx: Ctx): void {
  const now = accountNow(ctx.account);
  runDueTransitions(ctx, null, now);
  for (const session of listAll(ctx.account, 'checkout_sessions')) {
    if (session.status === 'open' && session.expires_at <= now) expireSession(automatic(ctx), session, session.expires_at);
  }
}

/** Emulator-only: moves the account's own clock forward. */
export function advanceAccountClock(ctx: Ctx, seconds: number): number {
  ctx.account.clockOffset += seconds;
  settleAccount(ctx);
  return accountNow(ctx.account);
}

/**
 * Emulator-only: the account's "Manage failed payments" settings, `{dunning: {retryDays, finalAction}}`
 * in `POST /_emulator/settings`
 * (https://docs.stripe.com/billing/revenue-recovery/smart-retries#custom-retry-schedule).
 */
export function updateDunningSettings(account: AccountState, body: Params): DunningSettings {
  const dunning = body.object('dunning');
  if (dunning) {
    const retryDays = dunning.has('retryDays')
      ? dunning.strings('retryDays').map((day, i) => {
          const days = Number(day);
          if (!Number.isInteger(days) || days < 1 || days > 60) {
            throw invalidRequest('Each retry is 1 to 60 days after the previous attempt.', `dunning[retryDays][${i}]`);
          }
          return days;
        })
      : account.dunning.retryDays;
    const finalAction = dunning.oneOf('finalAction', ['cancel', 'unpaid', 'past_due']) ?? account.dunning.finalAction;
    account.dunning = { retryDays, finalAction };
  }
  return account.dunning;
}
