import type Stripe from 'stripe';
import { accountNow } from './clock';
import type { Route } from './context';
import { liveCustomer } from './customers';
import { insert, newId } from './store';

export const billingPortalRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/billing_portal/sessions',
    handler: (req) => {
      const customer = liveCustomer(req.account, req.body.requiredString('customer'));
      const id = newId('bps');
      const session: Stripe.BillingPortal.Session = {
        id,
        object: 'billing_portal.session',
        // Every account has one implicit default portal configuration.
        configuration: req.body.string('configuration') ?? `bpc_${req.account.id.slice(5)}`,
        created: accountNow(req.account),
        customer: customer.id,
        customer_account: null,
        flow: null,
        livemode: req.account.livemode,
        locale: null,
        on_behalf_of: req.body.string('on_behalf_of') ?? null,
        return_url: req.body.string('return_url') ?? null,
        url: `${req.runtime.origin}/billing_portal/${id}`,
      };
      return insert(req.account, 'billing_portal_sessions', session);
    },
  },
];
