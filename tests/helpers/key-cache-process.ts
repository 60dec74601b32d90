// A second BillStack process for tests/services/key-cache-redis.test.ts: caches one key of the team it is
// given, tells its parent over IPC, then reports once an invalidation from another process has evicted it.
import type { ApiKey } from '@/db/schema';
import { newKeyCache } from '@/lib/api-keys/cache';

const teamId = process.argv[2];
const cache = newKeyCache(process.env.REDIS_URL, 60_000);
const key = { id: 'key_child', teamId } as ApiKey;

const subscribed = setInterval(() => {
  cache.set('child-hash', 'proj', { key, project: null });
  if (cache.get('child-hash', 'proj') === null) return;
  clearInterval(subscribed);
  process.send!('cached');
  const evicted = setInterval(async () => {
    if (cache.get('child-hash', 'proj') !== null) return;
    clearInterval(evicted);
    process.send!('evicted');
    await cache.close();
    process.disconnect();
  }, 10);
}, 10);
