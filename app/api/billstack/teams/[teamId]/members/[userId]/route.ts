import { teamAdminRoles } from '@/lib/auth/roles';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { changeMemberRole, removeMember } from '@/lib/teams/members';
import { updateMemberBody } from '@/lib/teams/schemas';

export const PATCH = teamRoute({ roles: teamAdminRoles, body: updateMemberBody }, async ({ db, membership, actor, params, body }) =>
  ok({ member: await changeMemberRole(db, { membership, actor, userId: params.userId, role: body.role }) }),
);

export const DELETE = teamRoute({ roles: teamAdminRoles }, async ({ db, membership, actor, params }) =>
  ok(await removeMember(db, { membership, actor, userId: params.userId })),
);
