import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/lib/auth/auth';
import { throttledAuth } from '@/lib/auth/throttle';
import { served } from '@/lib/ops/in-flight';

// better-auth is built after the database connects, so each request awaits the (cached) instance.
async function handle(req: Request) {
  return served(() => throttledAuth(req, async (request) => (await getAuth()).handler(request)), { signal: req.signal });
}

export const { GET, POST } = toNextJsHandler(handle);
