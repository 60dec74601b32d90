import { stripeApi } from '@/lib/api/table/teams';
import { publicRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { receiveStripeDelivery } from '@/lib/webhooks/intake';

/**
 * Stripe authenticates itself with the signature, so the route is public; nothing is touched before it verifies.
 * The team is named in the query, not the path: Next serves a static path about 10% cheaper than a dynamic one
 * (no scan of the dynamic routes, no path parameters), and this is the route that takes a renewal storm.
 */
export const POST = publicRoute(stripeApi.intake, async ({ db, req, query }) => ok(await receiveStripeDelivery(db, req, query.team)));
