// Runs in the server suite (npm run test:server), against the real Redis at REDIS_URL.
import { fork } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiKey } from '@/db/schema';
import { newKeyCache } from '@/lib/api-keys/cache';
import { randomBase62 } from '@/lib/http/ids';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const cache = newKeyCache(redisUrl, 60_000);

afterAll(async () => {
  await cache.close();
});

function nextMessage(child: ReturnType<typeof fork>): Promise<string> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(String(message)));
    child.once('exit', (code) => reject(new Error(`the second process exited with ${code}`)));
  });
}

describe('KeyCache over Redis', () => {
  it('a revocation in one process evicts the key in another within a second', async () => {
    const teamId = `team_${randomBase62(20)}`;
    const child = fork(path.join(import.meta.dirname, '../helpers/key-cache-process.ts'), [teamId], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, REDIS_URL: redisUrl },
    });
    try {
      expect(await nextMessage(child)).toBe('cached');
      const start = performance.now();
      const evicted = nextMessage(child);
      await cache.dropTeam(teamId);
      expect(await evicted).toBe('evicted');
      expect(performance.now() - start).toBeLessThan(1000);
    } finally {
      child.kill();
    }
  });

  it("another team's invalidation leaves an entry alone", async () => {
    const other = newKeyCache(redisUrl, 60_000);
    try {
      const kept = { id: 'key_kept', teamId: `team_${randomBase62(20)}` } as ApiKey;
      const marker = { id: 'key_marker', teamId: `team_${randomBase62(20)}` } as ApiKey;
      // Set once the subscription is up (until then the cache is bypassed and keeps nothing).
      await expect.poll(() => (other.set('kept', 'proj', { key: kept, project: null }), other.get('kept', 'proj'))).not.toBeNull();
      other.set('marker', 'proj', { key: marker, project: null });
      await cache.dropTeam(marker.teamId);
      // Messages arrive in order on the one channel: the marker gone, the invalidation has been handled.
      await expect.poll(() => other.get('marker', 'proj'), { timeout: 1000 }).toBeNull();
      expect(other.get('kept', 'proj')).toMatchObject({ key: { id: 'key_kept' } });
    } finally {
      await other.close();
    }
  });

  it('is bypassed while its Redis subscription is down, so no invalidation can be missed', async () => {
    const broken = newKeyCache('redis://127.0.0.1:1', 60_000);
    try {
      broken.set('hash', 'proj', { key: { id: 'key_x', teamId: 'team_x' } as ApiKey, project: null });
      expect(broken.get('hash', 'proj')).toBeNull();
      expect(broken.size).toBe(0);
    } finally {
      await broken.close().catch(() => {});
    }
  });
});
