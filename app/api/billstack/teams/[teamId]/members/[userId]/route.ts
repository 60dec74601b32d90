import { membersApi } from '@/lib/api/table/teams';
import { teamRoute } from '@/lib/auth/routes';
import { ok } from '@/lib/http/respond';
import { changeMemberRole, removeMember } from '@/lib/teams/members';

export const PATCH = teamRoute(membersApi.changeRole, async ({ db, membership, actor, params, body }) =>
  ok({ member: await changeMemberRole(db, { membership, actor, userId: params.userId, role: body.role }) }),
);

export const DELETE = teamRoute(membersApi.remove, async ({ db, membership, actor, params }) =>
  ok(await removeMember(db, { membership, actor, userId: params.userId })),
);
