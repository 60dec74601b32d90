import { z } from 'zod';
import { createCustomerBody, deleteCustomerQuery, exportCustomersQuery, listCustomersQuery, updateCustomerBody } from '@/lib/customers/schemas';
import { paginationQuery } from '@/lib/http/pagination';
import { deleted, endpoint, metadata, page, timestamp } from '../endpoint';
import { projectPath } from './projects';
import { invoiceResponse, subscriptionResponse } from './subscriptions';

const customers = `${projectPath}/customers`;
const customer = `${customers}/{customerId}`;

export const customerResponse = z
  .strictObject({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    stripeCustomerId: z.string(),
    metadata,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({
    id: 'Customer',
    example: {
      id: 'pc_a1b2c3d4',
      email: 'jane@example.com',
      name: 'Jane Doe',
      stripeCustomerId: 'cus_Nf0a1b2c3d4',
      metadata: { plan: 'pro' },
      createdAt: '2026-03-30T12:00:00.000Z',
      updatedAt: '2026-03-30T12:00:00.000Z',
    },
  });

export const customersApi = {
  list: endpoint({
    method: 'GET',
    path: customers,
    auth: 'project',
    scope: 'customers:read',
    tag: 'Customers',
    summary: 'List customers',
    query: listCustomersQuery,
    response: { status: 200, schema: page('customers', customerResponse) },
  }),
  export: endpoint({
    method: 'GET',
    path: `${customers}/export`,
    auth: 'project',
    scope: 'customers:read',
    tag: 'Customers',
    summary: "Download the list's matching customers as CSV (at most 10,000: narrow the filters beyond)",
    query: exportCustomersQuery,
    response: { status: 200, contentType: 'text/csv', description: 'One row per customer, with the columns of the list.' },
  }),
  create: endpoint({
    method: 'POST',
    path: customers,
    auth: 'project',
    scope: 'customers:write',
    tag: 'Customers',
    summary: 'Create a customer (and its Stripe customer)',
    body: createCustomerBody,
    bodyExample: { email: 'jane@example.com', name: 'Jane Doe', metadata: { plan: 'pro' } },
    response: { status: 201, schema: z.strictObject({ customer: customerResponse }) },
    errors: [409, 502],
  }),
  get: endpoint({
    method: 'GET',
    path: customer,
    auth: 'project',
    scope: 'customers:read',
    tag: 'Customers',
    summary: 'Get a customer',
    response: { status: 200, schema: z.strictObject({ customer: customerResponse }) },
  }),
  update: endpoint({
    method: 'PATCH',
    path: customer,
    auth: 'project',
    scope: 'customers:write',
    tag: 'Customers',
    summary: 'Update a customer',
    body: updateCustomerBody,
    bodyExample: { name: 'Jane Smith' },
    response: { status: 200, schema: z.strictObject({ customer: customerResponse }) },
    errors: [409, 502],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: customer,
    auth: 'project',
    scope: 'customers:write',
    tag: 'Customers',
    summary: 'Delete a customer',
    description: 'Refused with 409 while the customer has live subscriptions, unless `force=true` cancels them.',
    query: deleteCustomerQuery,
    response: { status: 200, schema: deleted },
    errors: [409, 502],
  }),
  listSubscriptions: endpoint({
    method: 'GET',
    path: `${customer}/subscriptions`,
    auth: 'project',
    scope: 'subscriptions:read',
    tag: 'Customers',
    summary: "List a customer's subscriptions",
    query: paginationQuery,
    response: { status: 200, schema: page('subscriptions', subscriptionResponse) },
  }),
  listInvoices: endpoint({
    method: 'GET',
    path: `${customer}/invoices`,
    auth: 'project',
    scope: 'subscriptions:read',
    tag: 'Customers',
    summary: "List a customer's invoices",
    query: paginationQuery,
    response: { status: 200, schema: page('invoices', invoiceResponse) },
  }),
};
