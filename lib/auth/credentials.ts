import type { NextRequest } from 'next/server';
import { isWellFormedApiKey } from '@/lib/api-keys/secret';
import { Unauthorized } from '@/lib/http/errors';

/** The API key a request carries, or null when it carries none; a malformed header is refused here. */
export function apiKeyOf(req: NextRequest): string | null {
  const authorization = req.headers.get('authorization');
  if (authorization === null) return null;
  const token = authorization.match(/^Bearer (\S+)$/)?.[1];
  if (!token) throw new Unauthorized('Malformed Authorization header: expected "Bearer bs_..."', 'invalid_api_key');
  if (!isWellFormedApiKey(token)) throw new Unauthorized('Malformed API key', 'invalid_api_key');
  return token;
}

export const authenticationRequired = 'Authentication required: sign in or send an API key';
export const sessionRequired = 'Authentication required: sign in';
export const keyOnTeamEndpoint = 'API keys cannot be used on team-level endpoints; sign in with a dashboard session';

export const keyRefusedOnTeamEndpoint = () => new Unauthorized(keyOnTeamEndpoint, 'api_key_not_allowed');
