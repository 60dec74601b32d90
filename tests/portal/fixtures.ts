import * as portalTokensRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/portal/route';
import * as portalRoute from '@/app/api/billstack/portal/[token]/route';
import * as portalSubscriptionsRoute from '@/app/api/billstack/portal/[token]/subscriptions/route';
import * as portalInvoicesRoute from '@/app/api/billstack/portal/[token]/invoices/route';
import * as cancelRoute from '@/app/api/billstack/portal/[token]/subscriptions/[subscriptionId]/cancel/route';
import * as resumeRoute from '@/app/api/billstack/portal/[token]/subscriptions/[subscriptionId]/resume/route';
import * as stripePortalRoute from '@/app/api/billstack/portal/[token]/stripe-portal/route';
import * as plansRoute from '@/app/api/billstack/portal/[token]/subscriptions/[subscriptionId]/plans/route';
import * as changeRoute from '@/app/api/billstack/portal/[token]/subscriptions/[subscriptionId]/change/route';
import * as previewChangeRoute from '@/app/api/billstack/portal/[token]/subscriptions/[subscriptionId]/change/preview/route';
import type { RouteHandler } from '@/lib/http/route';
import { call } from '../helpers/http';
import { projectParams, projectPath } from '../helpers/catalog';
import type { TestUser } from '../helpers/fixtures';

interface ProjectRef {
  owner: TestUser;
  team: { id: string };
  project: { id: string };
}

export interface IssuedPortal {
  token: string;
  url: string;
  expiresAt: string;
}

export const createPortal = (ref: ProjectRef, body: unknown, headers: Record<string, string> = ref.owner.headers) =>
  call(portalTokensRoute.POST, projectPath(ref, '/portal'), { method: 'POST', params: projectParams(ref), body, headers });

/** A portal token made through the API, as the project's owner. */
export async function issuePortal(ref: ProjectRef, body: Record<string, unknown>): Promise<IssuedPortal> {
  const res = await createPortal(ref, body);
  if (res.status !== 201) throw new Error(`portal token creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.portal;
}

/** The token-only JSON endpoints, called with no session and no API key, as a customer's browser would. */
const portalCall = (handler: RouteHandler, method: 'GET' | 'POST', suffix: string) =>
  (token: string, params: Record<string, string> = {}, query: Record<string, string | number> = {}) =>
    call(handler, `/api/billstack/portal/${token}${suffix}`, { method, params: { token, ...params }, query });

const subscriptionAction = (handler: RouteHandler, action: 'cancel' | 'resume') => (token: string, subscriptionId: string) =>
  call(handler, `/api/billstack/portal/${token}/subscriptions/${subscriptionId}/${action}`, { method: 'POST', params: { token, subscriptionId } });

const subscriptionPath = (token: string, subscriptionId: string, suffix: string) => `/api/billstack/portal/${token}/subscriptions/${subscriptionId}${suffix}`;

export const portalApi = {
  get: portalCall(portalRoute.GET, 'GET', ''),
  subscriptions: portalCall(portalSubscriptionsRoute.GET, 'GET', '/subscriptions'),
  invoices: portalCall(portalInvoicesRoute.GET, 'GET', '/invoices'),
  stripePortal: portalCall(stripePortalRoute.POST, 'POST', '/stripe-portal'),
  cancel: subscriptionAction(cancelRoute.POST, 'cancel'),
  resume: subscriptionAction(resumeRoute.POST, 'resume'),
  plans: (token: string, subscriptionId: string) =>
    call(plansRoute.GET, subscriptionPath(token, subscriptionId, '/plans'), { params: { token, subscriptionId } }),
  previewChange: (token: string, subscriptionId: string, priceId: string) =>
    call(previewChangeRoute.GET, subscriptionPath(token, subscriptionId, '/change/preview'), { params: { token, subscriptionId }, query: { priceId } }),
  change: (token: string, subscriptionId: string, priceId: string) =>
    call(changeRoute.POST, subscriptionPath(token, subscriptionId, '/change'), { method: 'POST', params: { token, subscriptionId }, body: { priceId } }),
};
