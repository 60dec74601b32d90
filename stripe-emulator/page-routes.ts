// Routing of the hosted pages (HTML in pages.ts). No key: the object's id in the URL is the capability,
// as with Stripe's hosted Checkout and portal links. One entry per page below.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { settleAccount } from './billing';
import { findSessionAnywhere, payCheckoutSession, sessionLineItems } from './checkout';
import { StripeApiError } from './errors';
import { Params } from './form';
import { parseBody, redirect, routeTable, sendHtml, sendJson, wantsJson, type Host } from './http';
import { checkoutPage, invoicePage, invoicePdf, messagePage, portalPage } from './pages';
import { defaultCardLast4, setCustomerCard } from './payment-methods';
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
    handler: (page) => {
      const found = portalSession(page);
      if (found) sendHtml(page.res, 200, portalView(found));
    },
  },
  {
    // The portal's "update card" form: the new card becomes the default that invoices and retries charge.
    method: 'POST',
    path: '/billing_portal/:id/card',
    handler: (page) => {
      const found = portalSession(page);
      if (!found) return;
      try {
        setCustomerCard(found.ctx, found.customer.id, new Params(parseBody(page.req, page.raw)).string('card') ?? '');
      } catch (error) {
        if (!(error instanceof StripeApiError)) throw error;
        return sendHtml(page.res, error.status, portalView(found, error.body.message));
      }
      page.host.persist();
      redirect(page.res, `/billing_portal/${found.session.id}`);
    },
  },
  {
    method: 'GET',
    path: '/invoice/:id',
    handler: (page) => {
      const invoice = hostedInvoice(page);
      if (invoice) sendHtml(page.res, 200, invoicePage(invoice));
    },
  },
  {
    method: 'GET',
    path: '/invoice/:id/pdf',
    handler: (page) => {
      const invoice = hostedInvoice(page);
      if (!invoice) return;
      const pdf = invoicePdf(invoice);
      page.res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
      page.res.end(pdf);
    },
  },
];

function portalSession({ host, req, res, params }: PageRequest) {
  for (const account of host.accounts.values()) {
    const session = find(account, 'billing_portal_sessions', params.id);
    if (!session) continue;
    const ctx = host.ctxFor(account, req);
    settleAccount(ctx);
    const customer = find(account, 'customers', session.customer);
    if (!customer || customer.deleted) break;
    return { account, session, customer, ctx };
  }
  sendHtml(res, 404, messagePage('Billing portal', 'This portal session does not exist.'));
  return null;
}

function portalView(found: NonNullable<ReturnType<typeof portalSession>>, error?: string): string {
  const { account, session, customer } = found;
  const subs = listAll(account, 'subscriptions').filter((sub) => sub.customer === customer.id);
  return portalPage(session, customer, subs, defaultCardLast4(account, customer), error);
}

/** A finalized invoice, whichever account it belongs to (a draft has no hosted page yet). */
function hostedInvoice({ host, req, res, params }: PageRequest) {
  for (const account of host.accounts.values()) {
    const invoice = find(account, 'invoices', params.id);
    if (!invoice) continue;
    settleAccount(host.ctxFor(account, req));
    if (invoice.status !== 'draft') return invoice;
  }
  sendHtml(res, 404, messagePage('Invoice', 'This invoice does not exist.'));
  return null;
}

export const matchPage = routeTable(pageRoutes);
