import { Unauthorized } from '@/lib/http/errors';
import { defineRoute } from '@/lib/http/route';
import { openPortal, type PortalRefusal, type PortalSession } from './service';

const refusals: Record<PortalRefusal, string> = {
  INVALID: 'Invalid portal token',
  EXPIRED: 'Portal token has expired',
  REVOKED: 'Portal token has been revoked',
};

/**
 * Endpoints a portal token opens by itself (`/api/billstack/portal/{token}/...`): no session, no API key.
 * The handler gets the token's customer and project, and everything it touches must belong to that customer.
 */
export const portalRoute = defineRoute<object, PortalSession>(async ({ db, params }) => {
  const access = await openPortal(db, params.token);
  if (!access.valid) throw new Unauthorized(refusals[access.code]);
  const { token, portal, project, customer } = access;
  return { token, portal, project, customer };
});
