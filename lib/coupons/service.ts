import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { coupons } from '@/db/schema';

/** Writes Stripe's current state of a coupon (account-wide, so kept per team). */
export async function upsertCouponFromStripe(db: Executor, teamId: string, coupon: Stripe.Coupon) {
  const values = {
    teamId,
    stripeCouponId: coupon.id,
    name: coupon.name,
    percentOff: coupon.percent_off === null ? null : Math.round(coupon.percent_off),
    amountOff: coupon.amount_off,
    currency: coupon.currency,
    duration: coupon.duration,
    durationInMonths: coupon.duration_in_months,
    valid: coupon.valid,
    deleted: false,
    createdAt: new Date(coupon.created * 1000),
    updatedAt: new Date(),
  };
  await db.insert(coupons).values(values).onConflictDoUpdate({ target: [coupons.teamId, coupons.stripeCouponId], set: values });
}

export async function markCouponDeleted(db: Executor, teamId: string, stripeCouponId: string) {
  await db
    .update(coupons)
    .set({ deleted: true, valid: false, updatedAt: new Date() })
    .where(and(eq(coupons.teamId, teamId), eq(coupons.stripeCouponId, stripeCouponId)));
}
