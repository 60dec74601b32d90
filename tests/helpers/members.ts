import { getDb } from '@/db/client';
import { teamMembers, type TeamRole } from '@/db/schema';
import { newId } from '@/lib/http/ids';
import type { TestUser } from './fixtures';

/**
 * Puts a user in a team with a role, as an accepted invitation would: tests of what a role may do start from a
 * membership, whichever way the invitation flow makes it.
 */
export async function joinTeam(user: TestUser, teamId: string, role: TeamRole) {
  const db = await getDb();
  await db.insert(teamMembers).values({ id: newId('member'), teamId, userId: user.id, role });
}
