// Coupons, promotion codes and the discounts that apply them to a subscription's invoices.
import type Stripe from 'stripe';
import { accountNow, addIntervals } from './clock';
import type { Ctx, Route } from './context';
import { invalidRequest, missingParam } from './errors';
import { emit } from './events';
import { mergeMetadata, type Params } from './form';
import {
  clone,
  find,
  findOr404,
  insert,
  listAll,
  newId,
  paginate,
  previousAttributes,
  randomString,
  type AccountState,
} from './store';

function createCoupon(ctx: Ctx, body: Params): Stripe.Coupon {
  const percentOff = body.decimal('percent_off');
  const amountOff = body.integer('amount_off', { min: 1 });
  if ((percentOff === undefined) === (amountOff === undefined)) {
    throw invalidRequest('You must pass exactly one of percent_off or amount_off.', 'percent_off');
  }
  if (percentOff !== undefined && (percentOff <= 0 || percentOff > 100)) {
    throw invalidRequest('percent_off must be greater than 0 and at most 100.', 'percent_off');
  }
  const currency = body.string('currency')?.toLowerCase() ?? null;
  if (amountOff !== undefined && !currency) throw missingParam('currency');
  const duration = body.oneOf('duration', ['once', 'repeating', 'forever']) ?? 'once';
  const months = body.integer('duration_in_months', { min: 1 }) ?? null;
  if (duration === 'repeating' && months === null) throw missingParam('duration_in_months');
  const now = accountNow(ctx.account);
  const coupon: Stripe.Coupon = {
    id: body.string('id') ?? randomString(8),
    object: 'coupon',
    amount_off: amountOff ?? null,
    created: now,
    currency,
    duration,
    duration_in_months: duration === 'repeating' ? months : null,
    livemode: ctx.account.livemode,
    max_redemptions: body.integer('max_redemptions', { min: 1 }) ?? null,
    metadata: mergeMetadata({}, body.metadata()),
    name: body.string('name') ?? null,
    percent_off: percentOff ?? null,
    redeem_by: body.integer('redeem_by') ?? null,
    times_redeemed: 0,
    valid: true,
  };
  insert(ctx.account, 'coupons', coupon);
  emit(ctx, 'coupon.created', coupon, { at: now });
  return coupon;
}

function createPromotionCode(ctx: Ctx, body: Params): Stripe.PromotionCode {
  const promotion = body.object('promotion');
  if (!promotion) throw missingParam('promotion');
  promotion.oneOf('type', ['coupon']);
  const coupon = findOr404(ctx.account, 'coupons', promotion.requiredString('coupon'), 'promotion[coupon]');
  const code = body.string('code') ?? randomString(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789');
  if (listAll(ctx.account, 'promotion_codes').some((p) => p.active && p.code.toLowerCase() === code.toLowerCase())) {
    throw invalidRequest('An active promotion code with `code` already exists.', 'code', 'resource_already_exists');
  }
  const customer = body.string('customer') ?? null;
  if (customer) findOr404(ctx.account, 'customers', customer, 'customer');
  const now = accountNow(ctx.account);
  const promotionCode: Stripe.PromotionCode = {
    id: newId('promo'),
    object: 'promotion_code',
    active: body.boolean('active') ?? true,
    code,
    created: now,
    customer,
    customer_account: null,
    expires_at: body.integer('expires_at') ?? null,
    livemode: ctx.account.livemode,
    max_redemptions: body.integer('max_redemptions', { min: 1 }) ?? null,
    metadata: mergeMetadata({}, body.metadata()),
    promotion: { type: 'coupon', coupon: coupon.id },
    restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
    times_redeemed: 0,
  };
  insert(ctx.account, 'promotion_codes', promotionCode);
  emit(ctx, 'promotion_code.created', promotionCode, { at: now });
  return promotionCode;
}

/** The metadata/name/active edits Stripe allows on both coupons and promotion codes. */
function updateMarketing<T extends Stripe.Coupon | Stripe.PromotionCode>(
  ctx: Ctx,
  object: T,
  body: Params,
  type: 'coupon.updated' | 'promotion_code.updated',
): T {
  const before = clone(object);
  object.metadata = mergeMetadata(object.metadata, body.metadata());
  if (object.object === 'coupon') {
    const name = body.nullableString('name');
    if (name !== undefined) object.name = name;
  } else {
    object.active = body.boolean('active') ?? object.active;
  }
  const previous = previousAttributes(before, object);
  if (Object.keys(previous).length > 0) emit(ctx, type, object, { previous, at: accountNow(ctx.account) });
  return object;
}

/** A requested discount: `{coupon}`, `{promotion_code}` or an existing `{discount}` kept as it is. */
export interface DiscountRequest {
  coupon: Stripe.Coupon;
  promotionCode: Stripe.PromotionCode | null;
  existing?: Stripe.Discount;
}

export interface DiscountEntry {
  coupon?: string | null;
  promotion_code?: string | null;
  discount?: string | null;
}

/** Reads `discounts[i][coupon|promotion_code]` (and the legacy top-level `coupon` / `promotion_code`). */
export function discountEntries(body: Params): DiscountEntry[] {
  const entries: DiscountEntry[] = body
    .objects('discounts')
    .map((d) => ({ coupon: d.string('coupon'), promotion_code: d.string('promotion_code'), discount: d.string('discount') }));
  const coupon = body.string('coupon');
  const promotionCode = body.string('promotion_code');
  if (coupon || promotionCode) entries.push({ coupon, promotion_code: promotionCode });
  return entries;
}

/** Checks that each coupon or promotion code exists and can still be redeemed at `now`. */
export function resolveDiscounts(account: AccountState, entries: DiscountEntry[], now: number): DiscountRequest[] {
  return entries.map(({ coupon, promotion_code, discount }, i) => {
    const param = `discounts[${i}]`;
    // Re-sending a discount the object already has keeps it (its start and end) instead of redeeming anew.
    if (discount) {
      const existing = findOr404(account, 'discounts', discount, `${param}[discount]`);
      return { coupon: discountCoupon(account, existing)!, promotionCode: null, existing };
    }
    if (promotion_code) {
      const code = findOr404(account, 'promotion_codes', promotion_code, `${param}[promotion_code]`);
      const exhausted = code.max_redemptions !== null && code.times_redeemed >= code.max_redemptions;
      if (!code.active || exhausted || (code.expires_at !== null && code.expires_at <= now)) {
        throw invalidRequest(`This promotion code cannot be redeemed: ${code.code}`, `${param}[promotion_code]`);
      }
      return { coupon: usableCoupon(account, String(code.promotion.coupon), `${param}[coupon]`, now), promotionCode: code };
    }
    if (!coupon) throw missingParam(`${param}[coupon]`);
    return { coupon: usableCoupon(account, coupon, `${param}[coupon]`, now), promotionCode: null };
  });
}

function usableCoupon(account: AccountState, id: string, param: string, now: number): Stripe.Coupon {
  const coupon = findOr404(account, 'coupons', id, param);
  const exhausted = coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions;
  if (!coupon.valid || exhausted || (coupon.redeem_by !== null && coupon.redeem_by <= now)) {
    throw invalidRequest(`Coupon is not valid: ${coupon.id}`, param);
  }
  return coupon;
}

export interface DiscountTarget {
  customer: string;
  subscription: string | null;
  checkoutSession: string | null;
}

/** Redeems the requested coupons as Discount objects attached to a subscription. */
export function redeem(account: AccountState, requests: DiscountRequest[], target: DiscountTarget, start: number): string[] {
  return requests.map(({ coupon, promotionCode, existing }) => {
    if (existing) return existing.id;
    coupon.times_redeemed++;
    if (promotionCode) promotionCode.times_redeemed++;
    const discount: Stripe.Discount = {
      id: newId('di'),
      object: 'discount',
      checkout_session: target.checkoutSession,
      customer: target.customer,
      customer_account: null,
      end: coupon.duration === 'repeating' ? addIntervals(start, 'month', coupon.duration_in_months ?? 1) : null,
      invoice: null,
      invoice_item: null,
      promotion_code: promotionCode?.id ?? null,
      source: { type: 'coupon', coupon: coupon.id },
      start,
      subscription: target.subscription,
      subscription_item: null,
    };
    insert(account, 'discounts', discount);
    return discount.id;
  });
}

export interface AppliedDiscount {
  discount: string;
  amount: number;
}

export function findDiscount(account: AccountState, id: string): Stripe.Discount | undefined {
  return find(account, 'discounts', id);
}

/**
 * The coupon a discount applies, even after the coupon was deleted: deleting a coupon only stops
 * new redemptions (https://docs.stripe.com/api/coupons/delete).
 */
export function discountCoupon(account: AccountState, discount: Stripe.Discount): Stripe.Coupon | undefined {
  const id = String(discount.source.coupon);
  return find(account, 'coupons', id) ?? account.deletedCoupons[id];
}

/** What each still-active discount takes off `subtotal` at time `at`, in order of application. */
export function applyDiscounts(account: AccountState, discountIds: string[], subtotal: number, at: number): AppliedDiscount[] {
  let remaining = subtotal;
  const applied: AppliedDiscount[] = [];
  for (const id of discountIds) {
    const discount = find(account, 'discounts', id);
    if (!discount || (discount.end !== null && discount.end <= at)) continue;
    const coupon = discountCoupon(account, discount);
    if (!coupon) continue;
    const amount = amountOff(coupon, remaining);
    remaining -= amount;
    applied.push({ discount: id, amount });
  }
  return applied;
}

function amountOff(coupon: Stripe.Coupon, remaining: number): number {
  const off = coupon.percent_off !== null ? Math.round((remaining * coupon.percent_off) / 100) : (coupon.amount_off ?? 0);
  return Math.min(off, remaining);
}

/** Total a set of requested (not yet redeemed) discounts would take off `subtotal`. */
export function previewDiscount(requests: DiscountRequest[], subtotal: number): number {
  let remaining = subtotal;
  for (const { coupon } of requests) remaining -= amountOff(coupon, remaining);
  return subtotal - remaining;
}

/** `once` coupons drop off after the first invoice, as on Stripe. */
export function isOnceDiscount(account: AccountState, discountId: string): boolean {
  const discount = find(account, 'discounts', discountId);
  return !!discount && discountCoupon(account, discount)?.duration === 'once';
}

export const couponRoutes: Route[] = [
  { method: 'POST', path: '/v1/coupons', handler: (req) => createCoupon(req, req.body) },
  { method: 'GET', path: '/v1/coupons/:id', handler: ({ account, params }) => findOr404(account, 'coupons', params.id) },
  {
    method: 'POST',
    path: '/v1/coupons/:id',
    handler: (req) => updateMarketing(req, findOr404(req.account, 'coupons', req.params.id), req.body, 'coupon.updated'),
  },
  {
    method: 'DELETE',
    path: '/v1/coupons/:id',
    handler: (req) => {
      const coupon = findOr404(req.account, 'coupons', req.params.id);
      delete req.account.objects.coupons[coupon.id];
      req.account.deletedCoupons[coupon.id] = { ...coupon, valid: false };
      emit(req, 'coupon.deleted', { ...coupon, valid: false }, { at: accountNow(req.account) });
      const deleted: Stripe.DeletedCoupon = { id: coupon.id, object: 'coupon', deleted: true };
      return deleted;
    },
  },
  {
    method: 'GET',
    path: '/v1/coupons',
    handler: ({ account, body }) => paginate(listAll(account, 'coupons'), body, '/v1/coupons'),
  },
  { method: 'POST', path: '/v1/promotion_codes', handler: (req) => createPromotionCode(req, req.body) },
  {
    method: 'GET',
    path: '/v1/promotion_codes/:id',
    handler: ({ account, params }) => findOr404(account, 'promotion_codes', params.id),
  },
  {
    method: 'POST',
    path: '/v1/promotion_codes/:id',
    handler: (req) =>
      updateMarketing(req, findOr404(req.account, 'promotion_codes', req.params.id), req.body, 'promotion_code.updated'),
  },
  {
    method: 'GET',
    path: '/v1/promotion_codes',
    handler: ({ account, body }) => {
      const code = body.string('code');
      const coupon = body.string('coupon');
      const active = body.boolean('active');
      const codes = listAll(account, 'promotion_codes').filter(
        (p) =>
          (!code || p.code.toLowerCase() === code.toLowerCase()) &&
          (!coupon || p.promotion.coupon === coupon) &&
          (active === undefined || p.active === active),
      );
      return paginate(codes, body, '/v1/promotion_codes');
    },
  },
];
