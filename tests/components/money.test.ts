import { describe, expect, it } from 'vitest';
import { parseMoney } from '@/components/portal/money';

const max = 99_999_999;

describe('parseMoney: an amount typed in the major unit, as minor units', () => {
  it.each([
    ['29.00', 'usd', 2900],
    ['29', 'usd', 2900],
    ['29.5', 'usd', 2950],
    [' 1,234.56 ', 'usd', 123456],
    ['0', 'eur', 0],
    ['500', 'jpy', 500],
    ['500.00', 'jpy', 500],
    ['1.234', 'kwd', 1234],
    ['999999.99', 'usd', max],
  ])('%s %s is %i', (text, currency, amount) => {
    expect(parseMoney(text, currency, max)).toEqual({ amount });
  });

  it.each([
    ['29.001', 'usd', 'At most 2 decimal places in USD'],
    ['500.5', 'jpy', 'JPY has no decimal places'],
    ['1.2345', 'kwd', 'At most 3 decimal places in KWD'],
    ['', 'usd', 'Enter an amount such as 29.00'],
    ['-5', 'usd', 'Enter an amount such as 29.00'],
    ['12abc', 'usd', 'Enter an amount such as 29.00'],
    ['1000000', 'usd', 'At most $999,999.99'],
  ])('refuses %j in %s', (text, currency, error) => {
    expect(parseMoney(text, currency, max)).toEqual({ error });
  });
});
