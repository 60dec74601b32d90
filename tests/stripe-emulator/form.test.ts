import { afterAll, beforeAll, expect, test } from 'vitest';
import { Params, formFromJson, mergeMetadata, parseForm } from '@/stripe-emulator/form';
import type { StripeEmulator } from '@/stripe-emulator/server';
import { newKey, sdk, startTestEmulator } from './helpers';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

test('bracket nesting, indexed and appended arrays, encoded brackets', () => {
  expect(
    parseForm('line_items[0][price]=p1&line_items[0][quantity]=2&line_items[1][price]=p2&metadata[k]=a+b&expand[]=x&expand[]=y&line_items%5B2%5D%5Bprice%5D=p3'),
  ).toEqual({
    line_items: [{ price: 'p1', quantity: '2' }, { price: 'p2' }, { price: 'p3' }],
    metadata: { k: 'a b' },
    expand: ['x', 'y'],
  });
});

test('typed reads raise Stripe errors naming the bracketed param', () => {
  const params = new Params(parseForm('items[0][quantity]=abc&flag=maybe'));
  expect(() => params.objects('items')[0].integer('quantity')).toThrow(expect.objectContaining({ body: expect.objectContaining({ param: 'items[0][quantity]' }) }));
  expect(() => params.boolean('flag')).toThrow(/Invalid boolean/);
  expect(() => params.requiredString('customer')).toThrow(/Missing required param: customer/);
});

test('Object.prototype members are never params', () => {
  const params = new Params({ email: 'a@example.com' });
  expect(params.has('constructor')).toBe(false);
  expect(params.string('toString')).toBeUndefined();
  expect(params.object('valueOf')).toBeUndefined();
});

test('metadata: empty value unsets a key, empty metadata clears all', () => {
  expect(mergeMetadata({ a: '1', b: '2' }, { a: '', c: '3' })).toEqual({ b: '2', c: '3' });
  expect(mergeMetadata({ a: '1' }, null)).toEqual({});
  expect(new Params(parseForm('metadata=')).metadata()).toBeNull();
});

test('items up to index 20 (and beyond) stay arrays; sparse indices compact in order', () => {
  const body = Array.from({ length: 21 }, (_, i) => `items[${i}][price]=p${i}`).reverse().join('&');
  expect(parseForm(body).items).toEqual(Array.from({ length: 21 }, (_, i) => ({ price: `p${i}` })));
  expect(parseForm('items[3][price]=b&items[0][price]=a')).toEqual({ items: [{ price: 'a' }, { price: 'b' }] });
});

test('too deep or too long inputs are a 400, not a silent truncation', () => {
  expect(() => parseForm(`a${'[x]'.repeat(11)}=1`)).toThrow(expect.objectContaining({ status: 400 }));
  expect(() => parseForm('items[101]=x')).toThrow(expect.objectContaining({ status: 400 }));
});

test('JSON bodies take the shape of form bodies, nested values included', () => {
  expect(formFromJson({ dunning: { retryDays: [3, 5, 7], finalAction: 'cancel' }, flag: true, none: null })).toEqual({
    dunning: { retryDays: ['3', '5', '7'], finalAction: 'cancel' },
    flag: 'true',
    none: '',
  });
  expect(formFromJson(JSON.parse('{"__proto__": {"x": 1}, "constructor": {"prototype": {"x": 1}}, "a": "1"}'))).toEqual({ a: '1' });
});

test.each([
  '__proto__[x]=polluted',
  'constructor[prototype][x]=polluted',
  'metadata[__proto__][x]=polluted',
  '__proto__%5Bx%5D=polluted',
])('a body with %s never reaches Object.prototype', async (attack) => {
  const key = newKey();
  const res = await fetch(`${emulator.url}/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: `email=p%40example.com&${attack}`,
  });
  expect(res.status).toBe(200);
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  const query = await fetch(`${emulator.url}/v1/customers?${attack}`, { headers: { authorization: `Bearer ${key}` } });
  expect(query.status).toBe(200);
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  const [customer] = (await sdk(emulator, key).customers.list()).data;
  expect(customer).toMatchObject({ email: 'p@example.com', metadata: {} });
});
