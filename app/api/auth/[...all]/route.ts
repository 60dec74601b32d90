import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/lib/auth/auth';

// better-auth is built after the database connects, so each request awaits the (cached) instance.
async function handle(req: Request) {
  return (await getAuth()).handler(req);
}

export const { GET, POST } = toNextJsHandler(handle);
