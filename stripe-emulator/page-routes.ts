// Routing of the hosted pages (HTML in pages.ts). No key: the object's id in the URL is the capability,
// as with Stripe's hosted Checkout and portal links. One entry per page below.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { settleAccount } from './billing';
import { findSessionAnywhere, payCheckoutSession, sessionLineItems } from './checkout';
import { StripeApiError } from './errors';
import { Params } from './form';
import { parseBody, redirect, routeTable, sendHtml, sendJson, wantsJson, type Host } from './http';
import { checkoutPage, messagePage, portalPage } from './pages';
import { find, listAll } from './store';

export interface PageRequest {
  host: Host;
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  raw: string;
}

export interface PageRoute {
  method: 'GET' | 'POST';
  path: string;
  handler(page: PageRequest): void;
}

function checkoutSession({ host, req, res, params }: PageRequest) {
  const found = findSessionAnywhere(host.accounts.values(), params.id);
  if (!found) {
    sendHtml(res, 404, messagePage('Checkout', 'This Checkout Session does not exist.'));
    return null;
  }
  const ctx = host.ctxFor(found.account, req);
  settleAccount(ctx);
  return { ...found, ctx, lineItems: sessionLineItems(found.account, params.id) };
}

export const pageRoutes: PageRoute[] = [
  {
    method: 'GET',
    path: '/checkout/:id',
    handler: (page) => {
      const found = checkoutSession(page);
      if (found) sendHtml(page.res, 200, checkoutPage(found.session, found.lineItems));
    },
  },
  {
    method: 'GET',
    path: '/checkout/:id/cancel',
    handler: (page) => {
      const found = checkoutSession(page);
      if (!found) return;
      if (found.session.cancel_url) redirect(page.res, found.session.cancel_url);
      else sendHtml(page.res, 200, checkoutPage(found.session, found.lineItems));
    },
  },
  {
    method: 'POST',
    path: '/checkout/:id/pay',
    handler: (page) => {
      const found = checkoutSession(page);
      if (!found) return;
      const { session, ctx, lineItems } = found;
      try {
        payCheckoutSession(ctx, session, new Params(parseBody(page.req, page.raw)).string('card') ?? '');
      } catch (error) {
        if (!(error instanceof StripeApiError)) throw error;
        page.host.persist();
        if (wantsJson(page.req)) sendJson(page.res, error.status, error.toJSON());
        else sendHtml(page.res, error.status, checkoutPage(session, lineItems, error.body.message));
        return;
      }
      page.host.persist();
      redirect(page.res, (session.success_url ?? '/').replaceAll('{CHECKOUT_SESSION_ID}', session.id));
    },
  },
  {
    method: 'GET',
    path: '/billing_portal/:id',
    handler: ({ host, req, res, params }) => {
      for (const account of host.accounts.values()) {
        const session = find(account, 'billing_portal_sessions', params.id);
        if (!session) continue;
        settleAccount(host.ctxFor(account, req));
        const customer = find(account, 'customers', session.customer);
        if (!customer || customer.deleted) break;
        const subs = listAll(account, 'subscriptions').filter((sub) => sub.customer === customer.id);
        return sendHtml(res, 200, portalPage(session, customer, subs));
      }
      sendHtml(res, 404, messagePage('Billing portal', 'This portal session does not exist.'));
    },
  },
];

export const matchPage = routeTable(pageRoutes);
