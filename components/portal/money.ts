/**
 * Stripe's amounts are integers in the currency's smallest unit, and Stripe's idea of that unit is not always
 * ISO 4217's (ISK, for one, is two-decimal in Stripe): its own lists decide.
 * https://docs.stripe.com/currencies#zero-decimal
 */
const zeroDecimal = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const threeDecimal = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

export function minorUnitsPerMajor(currency: string): number {
  if (zeroDecimal.has(currency)) return 1;
  return threeDecimal.has(currency) ? 1000 : 100;
}

/** An amount in minor units, in its currency, the same on the server and in every browser. */
export function formatMoney(amount: number, currency: string): string {
  const code = currency.toLowerCase();
  return new Intl.NumberFormat('en', { style: 'currency', currency: code.toUpperCase() }).format(amount / minorUnitsPerMajor(code));
}

/** "/ month", "every 3 months". */
export function formatInterval(interval: string, count: number | null): string {
  return count && count > 1 ? `every ${count} ${interval}s` : `/ ${interval}`;
}
