import { expect, test } from 'vitest';
import { Params, mergeMetadata, parseForm } from '@/stripe-emulator/form';

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

test('metadata: empty value unsets a key, empty metadata clears all', () => {
  expect(mergeMetadata({ a: '1', b: '2' }, { a: '', c: '3' })).toEqual({ b: '2', c: '3' });
  expect(mergeMetadata({ a: '1' }, null)).toEqual({});
  expect(new Params(parseForm('metadata=')).metadata()).toBeNull();
});
