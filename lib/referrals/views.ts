import type { Referral } from '@/db/schema';
import { isoTime } from '@/lib/http/respond';

/** How the API shows a referral (the routes, and the outgoing webhook events the rewards emit). */
export function referralView(referral: Referral) {
  return {
    id: referral.id,
    code: referral.code,
    referrerCustomerId: referral.referrerCustomerId,
    refereeCustomerId: referral.refereeCustomerId,
    status: referral.status,
    createdAt: isoTime(referral.createdAt),
    qualifiedAt: isoTime(referral.qualifiedAt),
    rewardedAt: isoTime(referral.rewardedAt),
    voidedAt: isoTime(referral.voidedAt),
    voidReason: referral.voidReason,
  };
}
