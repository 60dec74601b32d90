// The billing engine: replays, in time order, every subscription transition (renewal, trial end,
// scheduled cancellation) and Checkout expiry that a clock has moved past. Events are stamped
// with the simulated moment each change happened, not the moment the clock was advanced.
import type Stripe from 'stripe';
import { accountNow } from './clock';
import { automatic, type Ctx } from './context';
import { expireSession } from './checkout';
import { testClockOf } from './customers';
import { listAll } from './store';
import { duePhaseTransition, runPhaseTransition } from './subscription-schedules';
import { nextTransitionAt, runTransition } from './subscriptions';

/** Runs every transition of subscriptions on `testClock` (null: the account clock) due by `until`. */
export function runDueTransitions(ctx: Ctx, testClock: string | null, until: number): void {
  const engine = automatic(ctx);
  for (;;) {
    let due: { sub: Stripe.Subscription; at: number } | null = null;
    for (const sub of listAll(ctx.account, 'subscriptions')) {
      if (testClockOf(sub) !== testClock) continue;
      const at = nextTransitionAt(sub);
      if (at !== null && at <= until && (!due || at < due.at)) due = { sub, at };
    }
    // Subscription schedules (subscription-schedules.ts): a phase ending runs first at a tie.
    const phase = duePhaseTransition(ctx.account, testClock, until);
    if (phase && (!due || phase.at <= due.at)) {
      runPhaseTransition(engine, phase.schedule);
      continue;
    }
    if (!due) return;
    runTransition(engine, due.sub);
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
