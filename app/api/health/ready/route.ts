import { NextResponse } from 'next/server';
import { publicRoute } from '@/lib/auth/routes';
import { ServiceUnavailable } from '@/lib/http/errors';
import { errorBody, ok } from '@/lib/http/respond';
import { readiness } from '@/lib/ops/readiness';

// Readiness for a load balancer or orchestrator: 503 (and no traffic) until the database is reachable and
// migrated; the wrapper already answers 503 while it cannot connect at all.
export const GET = publicRoute({}, async ({ db }) => {
  const state = await readiness(db);
  return state.ready ? ok({ status: 'ready', ...state }) : NextResponse.json({ ...errorBody(new ServiceUnavailable('Not ready')), ...state }, { status: 503 });
});
