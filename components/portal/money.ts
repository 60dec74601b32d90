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

/**
 * "29.00" in usd → 2900, "500" in jpy → 500: an amount typed in the currency's major unit, as minor units, or a
 * message saying what is wrong with it (too many decimals for the currency, not a number, over `maxAmount`).
 */
export function parseMoney(text: string, currency: string, maxAmount: number): { amount: number } | { error: string } {
  const code = currency.trim().toLowerCase();
  const perMajor = minorUnitsPerMajor(code);
  const decimals = Math.log10(perMajor);
  const cleaned = text.trim().replace(/[\s,]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return { error: 'Enter an amount such as 29.00' };
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > decimals) {
    return { error: decimals === 0 ? `${code.toUpperCase()} has no decimal places` : `At most ${decimals} decimal places in ${code.toUpperCase()}` };
  }
  const amount = Number(match[1]) * perMajor + Number(fraction.padEnd(decimals, '0').slice(0, decimals) || 0);
  if (!Number.isSafeInteger(amount) || amount > maxAmount) return { error: `At most ${formatMoney(maxAmount, code)}` };
  return { amount };
}
