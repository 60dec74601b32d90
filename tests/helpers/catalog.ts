import * as customersRoute from '@/app/api/billstack/teams/[teamId]/projects/[projectId]/customers/route';
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
