import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as teamRoute from '@/app/api/billstack/teams/[teamId]/route';
import * as membersRoute from '@/app/api/billstack/teams/[teamId]/members/route';
import * as invitationRoute from '@/app/api/billstack/teams/[teamId]/invitations/[invitationId]/route';
import * as projectsRoute from '@/app/api/billstack/teams/[teamId]/projects/route';
import * as projectRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/route';
import * as customerRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/[customerId]/route';
import * as productRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/[productId]/route';
import * as priceRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/prices/[priceId]/route';
import * as cancelRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/cancel/route';
import * as resumeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/resume/route';
import * as changeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/[subscriptionId]/change/route';
import * as settingsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/settings/route';
import * as referralConfigRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/config/route';
import * as portalTokensRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/portal/route';
import * as portalTokenRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/portal/[token]/route';
import * as referralCodeRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/referrals/codes/[code]/route';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { createCustomerRow, createPriceRow, createProductRow, projectParams, projectPath } from '../helpers/catalog';
import { joinByInvitation, signUp, uniqueEmail } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { createReferralCode, exampleConfig } from '../referrals/fixtures';
import { createSubscriptionRow } from '../subscriptions/fixtures';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, issueApiKey, type World } from '../helpers/world';

useStripeEmulator();
let world: World;
let key: { id: string; headers: Record<string, string> };

beforeAll(async () => {
  world = await buildWorld();
  key = await issueApiKey(world.owner, world.team.id);
});

/** The events recorded for one target, oldest first, as [actor type, actor id, action]. */
async function eventsOf(targetId: string) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.teamId, world.team.id), eq(auditEvents.targetId, targetId)))
    .orderBy(auditEvents.at, auditEvents.id);
  return rows.map((row) => [row.actorType, row.actorId, row.actorLabel, row.action, row.targetType]);
}

describe('changes made with an API key', () => {
  it('record the key as the actor, with its name, for products, prices, settings and the referral program', async () => {
    const asKey = { ...world, owner: { ...world.owner, headers: key.headers } };
    const product = await createProductRow(asKey);
    const price = await createPriceRow(asKey, {}, product.id);
    const productCall = { params: projectParams(world, { productId: product.id }), headers: key.headers };
    expect((await call(productRoute.PATCH, projectPath(world, `/products/${product.id}`), { ...productCall, method: 'PATCH', body: { name: 'Pro' } })).status).toBe(200);
    expect((await call(productRoute.DELETE, projectPath(world, `/products/${product.id}`), { ...productCall, method: 'DELETE' })).status).toBe(200);
    const priceCall = { method: 'PATCH', params: projectParams(world, { priceId: price.id }), headers: key.headers, body: { nickname: 'Monthly' } };
    expect((await call(priceRoute.PATCH, projectPath(world, `/prices/${price.id}`), priceCall)).status).toBe(200);
    const settings = { planChanges: { upgrade: { when: 'now', proration: 'always_invoice' }, downgrade: { when: 'period_end', proration: 'none' } } };
    expect((await call(settingsRoute.PUT, projectPath(world, '/settings'), { method: 'PUT', params: projectParams(world), headers: key.headers, body: settings })).status).toBe(200);
    expect((await call(referralConfigRoute.PUT, projectPath(world, '/referrals/config'), { method: 'PUT', params: projectParams(world), headers: key.headers, body: exampleConfig })).status).toBe(200);

    const byKey = (action: string, type: string) => ['apiKey', key.id, 'test key', action, type];
    expect(await eventsOf(product.id)).toEqual([byKey('product.created', 'product'), byKey('product.updated', 'product'), byKey('product.archived', 'product')]);
    expect(await eventsOf(price.id)).toEqual([byKey('price.created', 'price'), byKey('price.updated', 'price')]);
    expect(await eventsOf(world.project.id)).toEqual([
      ['user', world.owner.id, world.owner.email, 'project.created', 'project'],
      byKey('settings.updated', 'project'),
      byKey('referral_config.updated', 'project'),
    ]);
  });
});

describe('referral codes', () => {
  it('record their creation and deactivation by a key', async () => {
    const asKey = { ...world, owner: { ...world.owner, headers: key.headers } };
    const code = await createReferralCode(asKey, { customerId: (await createCustomerRow(asKey)).id });
    const path = projectPath(world, `/referrals/codes/${code.code}`);
    const res = await call(referralCodeRoute.DELETE, path, { method: 'DELETE', params: projectParams(world, { code: code.code }), headers: key.headers });
    expect(res.status).toBe(200);
    const byKey = (action: string) => ['apiKey', key.id, 'test key', action, 'referral_code'];
    expect(await eventsOf(code.id)).toEqual([byKey('referral_code.created'), byKey('referral_code.deactivated')]);
  });
});

describe('portal links', () => {
  it('record their issue and revocation by a key, never the token', async () => {
    const customer = await createCustomerRow({ ...world, owner: { ...world.owner, headers: key.headers } });
    const issued = await call(portalTokensRoute.POST, projectPath(world, '/portal'), {
      method: 'POST',
      params: projectParams(world),
      headers: key.headers,
      body: { customerId: customer.id },
    });
    expect(issued.status).toBe(201);
    const { token } = issued.body.portal;
    const revoked = await call(portalTokenRoute.DELETE, projectPath(world, `/portal/${token}`), { method: 'DELETE', params: projectParams(world, { token }), headers: key.headers });
    expect(revoked.status).toBe(200);
    const db = await getDb();
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, world.team.id), like(auditEvents.action, 'portal_link.%')))
      .orderBy(auditEvents.at, auditEvents.id);
    expect(rows.map((row) => [row.actorType, row.actorId, row.action, row.targetType])).toEqual([
      ['apiKey', key.id, 'portal_link.created', 'portal_link'],
      ['apiKey', key.id, 'portal_link.revoked', 'portal_link'],
    ]);
    expect(rows[0].targetId).toBe(rows[1].targetId);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe('customers', () => {
  it('record their creation, update and deletion', async () => {
    const customer = await createCustomerRow({ ...world, owner: { ...world.owner, headers: key.headers } });
    const one = { params: projectParams(world, { customerId: customer.id }), headers: key.headers };
    const path = projectPath(world, `/customers/${customer.id}`);
    expect((await call(customerRoute.PATCH, path, { ...one, method: 'PATCH', body: { name: 'Ada' } })).status).toBe(200);
    expect((await call(customerRoute.DELETE, path, { ...one, method: 'DELETE' })).status).toBe(200);
    const byKey = (action: string) => ['apiKey', key.id, 'test key', action, 'customer'];
    expect(await eventsOf(customer.id)).toEqual([byKey('customer.created'), byKey('customer.updated'), byKey('customer.deleted')]);
  });
});

describe('subscription changes', () => {
  it('record cancellations, resumptions and plan changes with the row they write', async () => {
    const { subscription, price } = await createSubscriptionRow(world);
    const one = (suffix: string, body?: unknown) => ({
      path: projectPath(world, `/subscriptions/${subscription.id}${suffix}`),
      options: { method: 'POST', params: projectParams(world, { subscriptionId: subscription.id }), headers: key.headers, body },
    });
    for (const [handler, { path, options }] of [
      [cancelRoute.POST, one('/cancel', { atPeriodEnd: true })],
      [resumeRoute.POST, one('/resume')],
      [changeRoute.POST, one('/change', { items: [{ priceId: price.id }], when: 'now', proration: 'none' })],
      [cancelRoute.POST, one('/cancel', { atPeriodEnd: false })],
    ] as const) {
      const res = await call(handler, path, options);
      expect(res.status).toBe(200);
    }

    const byKey = (action: string) => ['apiKey', key.id, 'test key', action, 'subscription'];
    expect(await eventsOf(subscription.id)).toEqual([
      byKey('subscription.cancellation_scheduled'),
      byKey('subscription.resumed'),
      byKey('subscription.plan_changed'),
      byKey('subscription.canceled'),
    ]);
  });
});

describe('changes made in the dashboard', () => {
  it('record the user for the team name and projects created, renamed and deleted', async () => {
    const { owner, team } = world;
    expect((await call(teamRoute.PATCH, `/api/billstack/teams/${team.id}`, { method: 'PATCH', params: { teamId: team.id }, headers: owner.headers, body: { name: 'Renamed' } })).status).toBe(200);
    const created = await call(projectsRoute.POST, `/api/billstack/teams/${team.id}/projects`, { method: 'POST', params: { teamId: team.id }, headers: owner.headers, body: { name: 'Audited' } });
    const projectId = created.body.project.id;
    const one = { params: { teamId: team.id, projectId }, headers: owner.headers };
    await call(projectRoute.PATCH, `/api/billstack/teams/${team.id}/projects/${projectId}`, { ...one, method: 'PATCH', body: { name: 'Audited 2' } });
    await call(projectRoute.DELETE, `/api/billstack/teams/${team.id}/projects/${projectId}`, { ...one, method: 'DELETE' });

    const byOwner = (action: string, type: string) => ['user', owner.id, owner.email, action, type];
    expect(await eventsOf(team.id)).toEqual([byOwner('team.renamed', 'team')]);
    expect(await eventsOf(projectId)).toEqual([byOwner('project.created', 'project'), byOwner('project.renamed', 'project'), byOwner('project.deleted', 'project')]);
  });
});

describe('invitations', () => {
  async function invitationEvents() {
    const db = await getDb();
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, world.team.id), like(auditEvents.action, 'invitation.%')))
      .orderBy(auditEvents.at, auditEvents.id);
    return rows.map((row) => [row.actorId, row.action, row.targetId]);
  }

  it('record the inviter, the invitee who accepts, and who revokes', async () => {
    const { owner, team } = world;
    const invitee = await signUp();
    await joinByInvitation(owner, team.id, invitee, 'member');
    const [created, accepted] = await invitationEvents();
    expect(created).toEqual([owner.id, 'invitation.created', expect.stringMatching(/^inv_/)]);
    expect(accepted).toEqual([invitee.id, 'invitation.accepted', created[2]]);

    const invited = await call(membersRoute.POST, `/api/billstack/teams/${team.id}/members`, {
      method: 'POST',
      params: { teamId: team.id },
      body: { email: uniqueEmail('invitee'), role: 'member' },
      headers: owner.headers,
    });
    const invitationId = invited.body.invitation.id;
    const revoked = await call(invitationRoute.DELETE, `/api/billstack/teams/${team.id}/invitations/${invitationId}`, {
      method: 'DELETE',
      params: { teamId: team.id, invitationId },
      headers: owner.headers,
    });
    expect(revoked.status).toBe(200);
    expect((await invitationEvents()).slice(2)).toEqual([
      [owner.id, 'invitation.created', invitationId],
      [owner.id, 'invitation.revoked', invitationId],
    ]);
  });
});
