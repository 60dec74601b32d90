import Redis from 'ioredis';
import type { ApiKey, Project } from '@/db/schema';
import { connectRedis } from '@/lib/auth/rate-limit';
import { log } from '@/lib/log';

/** What a keyed request needs from the database: the key and the project it asks for (null if none). */
export interface VerifiedKey {
  key: ApiKey;
  project: Project | null;
}

interface Entry extends VerifiedKey {
  expiresAt: number;
}

const channel = 'billstack:auth:invalidate';

/**
 * Verified keys, for a few seconds, by the key's SHA-256 and the project asked for: a busy client then costs
 * no key lookup per request. Anything that changes what a cached entry says (a key revoked, a project renamed,
 * restricted or deleted) drops the team's entries in this process at once and, through Redis, in every other
 * process; without Redis there is only this process to evict. While the Redis subscription is down the cache
 * is bypassed, so a revocation is never missed for the length of a TTL.
 */
export class KeyCache {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly bus?: { publisher: Redis; subscriber: Redis },
  ) {
    // Errors are reported once here rather than as ioredis's unhandled error events; the cache is bypassed meanwhile.
    for (const connection of bus ? [bus.publisher, bus.subscriber] : []) {
      connection.on('error', (error) => log.error({ err: error }, 'key cache: Redis error'));
    }
    bus?.subscriber.subscribe(channel).catch((error) => log.error({ err: error }, 'key cache: Redis subscription failed'));
    bus?.subscriber.on('message', (from, teamId) => {
      if (from === channel) this.dropTeamLocally(teamId);
    });
    // Messages sent while the subscription was down are lost: start empty once it is back.
    bus?.subscriber.on('ready', () => this.entries.clear());
  }

  private usable(): boolean {
    return !this.bus || this.bus.subscriber.status === 'ready';
  }

  /** Resolves once the cache is in use: at once without Redis, else when the subscription is up. */
  async ready(): Promise<void> {
    if (this.usable()) return;
    await new Promise<void>((resolve) => this.bus!.subscriber.once('ready', () => resolve()));
  }

  get(hash: string, projectId: string, now = Date.now()): VerifiedKey | null {
    if (!this.usable()) return null;
    const id = `${hash}:${projectId}`;
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      this.entries.delete(id);
      return null;
    }
    return { key: entry.key, project: entry.project };
  }

  set(hash: string, projectId: string, verified: VerifiedKey, now = Date.now()): void {
    if (!this.usable()) return;
    // Map keeps insertion order: once full, the oldest entry makes room.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${hash}:${projectId}`, { ...verified, expiresAt: now + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }

  private dropTeamLocally(teamId: string): void {
    for (const [id, entry] of this.entries) if (entry.key.teamId === teamId) this.entries.delete(id);
  }

  /** After a change to the team's keys or projects: every process forgets what it cached of the team. */
  async dropTeam(teamId: string): Promise<void> {
    this.dropTeamLocally(teamId);
    if (!this.bus) return;
    try {
      await this.bus.publisher.publish(channel, teamId);
    } catch (error) {
      // The other processes' entries still run out within the TTL.
      log.error({ err: error }, 'key cache: could not publish an invalidation');
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
    if (this.bus) await Promise.all([this.bus.publisher.quit(), this.bus.subscriber.quit()]);
  }
}

/** Long enough to spare a busy client the key lookup, short enough to bound a missed invalidation. */
export const keyCacheTtlMs = 5_000;
const maxEntries = 10_000;

export function newKeyCache(redisUrl: string | undefined, ttlMs = keyCacheTtlMs): KeyCache {
  const bus = redisUrl ? { publisher: connectRedis(redisUrl), subscriber: connectRedis(redisUrl) } : undefined;
  return new KeyCache(ttlMs, maxEntries, bus);
}

const holder = globalThis as typeof globalThis & { __billstackKeyCache?: KeyCache };

export function keyCache(): KeyCache {
  holder.__billstackKeyCache ??= newKeyCache(process.env.REDIS_URL || undefined);
  return holder.__billstackKeyCache;
}

/** Closes this process's cache, if one was made (shutdown). */
export async function closeKeyCache(): Promise<void> {
  const cache = holder.__billstackKeyCache;
  holder.__billstackKeyCache = undefined;
  await cache?.close();
}
