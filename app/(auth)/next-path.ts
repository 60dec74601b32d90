/**
 * Where to go after signing in: a path of this app given as `?next=` (an invitation link sends people here and
 * back), never another site; otherwise the team list. A plain module: the server pages call it.
 */
export function nextPath(next: string | string[] | undefined): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/teams';
}
