// Time as the emulator sees it. Each account has its own clock (real time plus an offset that
// `/_emulator/time/advance` moves); a customer attached to a test clock lives at that clock's
// frozen_time instead, as on Stripe. Everything the emulator stamps goes through `clockNow`.
import type { AccountState } from './store';

export type Interval = 'day' | 'week' | 'month' | 'year';

export function realNow(): number {
  return Math.floor(Date.now() / 1000);
}

export function accountNow(account: AccountState): number {
  return realNow() + account.clockOffset;
}

export function clockNow(account: AccountState, testClock: string | null): number {
  const clock = testClock ? account.objects.test_clocks[testClock] : undefined;
  return clock ? clock.frozen_time : accountNow(account);
}

/** `anchor` plus `steps` intervals; months clamp to the month's last day (Jan 31 -> Feb 28 -> Mar 31). */
export function addIntervals(anchor: number, interval: Interval, steps: number): number {
  if (interval === 'day') return anchor + steps * 86_400;
  if (interval === 'week') return anchor + steps * 7 * 86_400;
  const months = interval === 'year' ? steps * 12 : steps;
  const start = new Date(anchor * 1000);
  const target = new Date(start);
  target.setUTCDate(1);
  target.setUTCMonth(start.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

/** The first period boundary strictly after `after`, counted from the billing cycle anchor. */
export function nextPeriodEnd(anchor: number, interval: Interval, intervalCount: number, after: number): number {
  let steps = 1;
  while (addIntervals(anchor, interval, steps * intervalCount) <= after) steps++;
  return addIntervals(anchor, interval, steps * intervalCount);
}
