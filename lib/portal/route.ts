import { clientIp } from '@/lib/http/client-ip';
import type { ErrorCode } from '@/lib/http/error-codes';
import { Unauthorized } from '@/lib/http/errors';
import { defineRoute } from '@/lib/http/route';
import { throttle } from '@/lib/rate-limit/limits';
import { openPortal, type PortalRefusal, type PortalSession } from './service';

const refusals: Record<PortalRefusal, [string, ErrorCode]> = {
  INVALID: ['Invalid portal token', 'invalid_portal_token'],
  EXPIRED: ['Portal token has expired', 'portal_token_expired'],
  REVOKED: ['Portal token has been revoked', 'portal_token_revoked'],
};

/**
 * Endpoints a portal token opens by itself (`/api/billstack/portal/{token}/...`): no session, no API key.
 * The handler gets the token's customer and project, and everything it touches must belong to that customer.
 */
export const portalRoute = defineRoute<object, PortalSession>(async ({ db, params, req }) => {
  await throttle('portal', clientIp(req));
  const access = await openPortal(db, params.token);
  if (!access.valid) throw new Unauthorized(...refusals[access.code]);
  const { token, portal, project, customer } = access;
  // A token in a leaked link must not become a lever on Stripe: its writes are few by nature.
  if (req.method !== 'GET') await throttle('portalActions', portal.id);
  return { token, portal, project, customer };
});
