// The CSV exports behind the dashboard's list downloads: the list's own filters, every matching row (past one
// page), fields quoted as RFC 4180 wants and formula-like text defused, and only the project's own rows.
import { beforeAll, describe, expect, it } from 'vitest';
import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as customersExportRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/export/route';
import * as subscriptionsExportRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/export/route';
import * as subscriptionsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/subscriptions/route';
import { getDb } from '@/db/client';
import { customers } from '@/db/schema';
import { newId } from '@/lib/http/ids';
import { toCsv } from '@/lib/http/csv';
import { createCustomerRow, projectParams, projectPath } from '../helpers/catalog';
import { call } from '../helpers/http';
import { useStripeEmulator } from '../helpers/stripe';
import { buildWorld, type World } from '../helpers/world';
import { createSubscriptionRow } from '../subscriptions/fixtures';

useStripeEmulator();
let world: World;

beforeAll(async () => {
  world = await buildWorld();
});

const exportOf = (handler: typeof customersExportRoute.GET, path: string, query: Record<string, string> = {}, ref: World = world) =>
  call(handler, projectPath(ref, path), { params: projectParams(ref), query, headers: ref.owner.headers });

describe('CSV export of customers', () => {
  it('exports what the filters match, quoting commas and quotes and defusing formulas', async () => {
    const tag = `exp${Date.now()}`;
    const plain = await createCustomerRow(world, { email: `${tag}-plain@example.com`, name: 'Plain' });
    const tricky = await createCustomerRow(world, { email: `${tag}-tricky@example.com`, name: 'Doe, "JJ"' });
    const formula = await createCustomerRow(world, { email: `${tag}-formula@example.com`, name: '=HYPERLINK("x")' });
    await createCustomerRow(world, { email: `other-${Date.now()}@example.com`, name: 'Not matched' });

    const res = await exportOf(customersExportRoute.GET, '/customers/export', { q: tag });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="customers.csv"');
    const lines = (res.body as string).split('\r\n');
    expect(lines[0]).toBe('id,email,name,stripeCustomerId,createdAt');
    // Newest first, as the list.
    expect(lines.slice(1, 4).map((line) => line.split(',')[0])).toEqual([formula.id, tricky.id, plain.id]);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(lines[2]).toContain(`,"Doe, ""JJ""",${tricky.stripeCustomerId},`);
    expect(lines[3]).toMatch(new RegExp(`^${plain.id},${tag}-plain@example.com,Plain,${plain.stripeCustomerId},\\d{4}-\\d{2}-\\d{2}T[^,]+Z$`));
    expect(lines.slice(4)).toEqual(['']);
  });

  it('reads past the first page of the list', async () => {
    const db = await getDb();
    const tag = `bulk${Date.now()}`;
    // Rows straight in the table: 130 Stripe round trips would add nothing to what is tested.
    await db.insert(customers).values(
      Array.from({ length: 130 }, (_, index) => ({
        id: newId('customer'),
        teamId: world.team.id,
        projectId: world.project.id,
        email: `${tag}-${index}@example.com`,
        stripeCustomerId: `cus_${tag}${index}`,
      })),
    );
    const res = await exportOf(customersExportRoute.GET, '/customers/export', { q: tag });
    expect(res.status).toBe(200);
    const ids = (res.body as string).trim().split('\r\n').slice(1).map((line) => line.split(',')[0]);
    expect(ids).toHaveLength(130);
    expect(new Set(ids).size).toBe(130);

    // Given a sort, the file is in the list's order, page after page.
    const sorted = await exportOf(customersExportRoute.GET, '/customers/export', { q: tag, sort: '-email' });
    const listed = await Promise.all(
      [0, 100].map(async (offset) => (await exportOf(customersRoute.GET, '/customers', { q: tag, sort: '-email', limit: '100', offset: String(offset) })).body.customers),
    );
    const csvIds = (sorted.body as string).trim().split('\r\n').slice(1).map((line) => line.split(',')[0]);
    expect(csvIds).toEqual(listed.flat().map((customer: { id: string }) => customer.id));
    expect(csvIds).not.toEqual(ids);
  });

  it('refuses filters the list refuses, and shows another project nothing of this one', async () => {
    const bad = await exportOf(customersExportRoute.GET, '/customers/export', { createdFrom: '2026-02-01', createdTo: '2026-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/createdTo/);

    const sibling = { ...world, project: world.siblingProject };
    const res = await exportOf(customersExportRoute.GET, '/customers/export', {}, sibling);
    expect(res.status).toBe(200);
    expect(res.body).toBe('id,email,name,stripeCustomerId,createdAt\r\n');
  });
});

describe('CSV export of subscriptions', () => {
  it('exports the subscriptions with the filters of the list', async () => {
    const { subscription, price } = await createSubscriptionRow(world);

    const res = await exportOf(subscriptionsExportRoute.GET, '/subscriptions/export', { priceId: price.id });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="subscriptions.csv"');
    const lines = (res.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('id,customerId,status,items,currency,currentPeriodEnd,cancelAtPeriodEnd,stripeSubscriptionId,createdAt');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${subscription.id},${subscription.customerId},active,1x${price.id},usd,[^,]+Z,false,${subscription.stripeSubscriptionId},[^,]+Z$`));

    const none = await exportOf(subscriptionsExportRoute.GET, '/subscriptions/export', { status: 'canceled', priceId: price.id });
    expect((none.body as string).trim().split('\r\n')).toHaveLength(1);
    expect((await exportOf(subscriptionsExportRoute.GET, '/subscriptions/export', { status: 'sleeping' })).status).toBe(400);
    expect(await exportOf(subscriptionsExportRoute.GET, '/subscriptions/export', { sort: 'price' })).toMatchObject({
      status: 400,
      body: { code: 'validation_error', field: 'sort' },
    });
  });

  it('keeps the order of the list when sort is given', async () => {
    const { subscription: first } = await createSubscriptionRow(world);
    const { subscription: second } = await createSubscriptionRow(world);
    const idsOf = async (sort: string) =>
      (await exportOf(subscriptionsExportRoute.GET, '/subscriptions/export', { sort })).body
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line: string) => line.split(',')[0]);
    const listed = async (sort: string) =>
      (
        await call(subscriptionsRoute.GET, projectPath(world, '/subscriptions'), {
          params: projectParams(world),
          query: { sort, limit: 100 },
          headers: world.owner.headers,
        })
      ).body.subscriptions.map((row: { id: string }) => row.id);
    const oldest = await idsOf('created');
    expect(oldest).toEqual(expect.arrayContaining([first.id, second.id]));
    // Both made within a second may tie on `created`: the list's own order is the reference, whatever it is.
    expect(oldest).toEqual(await listed('created'));
    // The id breaks ties in the sort's direction, so the reverse sort is exactly the reverse list.
    expect(await idsOf('-created')).toEqual(oldest.reverse());
  });
});

describe('toCsv', () => {
  it('writes an empty cell for null and quotes line breaks', () => {
    expect(toCsv([{ header: 'a', value: (row: { a: string | null }) => row.a }], [{ a: null }, { a: 'two\nlines' }, { a: '-1' }])).toBe(
      `a\r\n\r\n"two\nlines"\r\n'-1\r\n`,
    );
  });
});
