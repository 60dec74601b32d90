import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
import * as productsRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/route';
import * as productPricesRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/products/[productId]/prices/route';
import { call } from './http';
import { uniqueEmail, type TestUser } from './fixtures';

interface ProjectRef {
  owner: TestUser;
  team: { id: string };
  project: { id: string };
}

export const projectPath = ({ team, project }: ProjectRef, path = '') =>
  `/api/billstack/teams/${team.id}/projects/${project.id}${path}`;
export const projectParams = ({ team, project }: ProjectRef, extra: Record<string, string> = {}) => ({
  teamId: team.id,
  projectId: project.id,
  ...extra,
});

/** A customer made through the API, as the project's owner. */
export async function createCustomerRow(ref: ProjectRef, body: Record<string, unknown> = {}) {
  const res = await call(customersRoute.POST, projectPath(ref, '/customers'), {
    method: 'POST',
    params: projectParams(ref),
    body: { email: uniqueEmail('customer'), ...body },
    headers: ref.owner.headers,
  });
  if (res.status !== 201) throw new Error(`customer creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.customer as { id: string; email: string; stripeCustomerId: string };
}

/** A product made through the API, as the project's owner. */
export async function createProductRow(ref: ProjectRef, body: Record<string, unknown> = {}) {
  const res = await call(productsRoute.POST, projectPath(ref, '/products'), {
    method: 'POST',
    params: projectParams(ref),
    body: { name: 'Pro plan', ...body },
    headers: ref.owner.headers,
  });
  if (res.status !== 201) throw new Error(`product creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.product as { id: string; name: string; active: boolean; stripeProductId: string };
}

/** A price made through the API on a product of the project (a fresh product unless one is given). */
export async function createPriceRow(ref: ProjectRef, body: Record<string, unknown> = {}, productId?: string) {
  const product = productId ?? (await createProductRow(ref)).id;
  const res = await call(productPricesRoute.POST, projectPath(ref, `/products/${product}/prices`), {
    method: 'POST',
    params: projectParams(ref, { productId: product }),
    body: { unitAmount: 1000, currency: 'usd', interval: 'month', ...body },
    headers: ref.owner.headers,
  });
  if (res.status !== 201) throw new Error(`price creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.price as { id: string; productId: string; stripePriceId: string; active: boolean };
}
