import type { RedisStore } from '@/lib/redis/types';

/**
 * Classic cache-aside with an unconditional refill: GET; on a miss load, then SET; a writer DELs.
 * It has the stale write-back race, and exists only so the race test can prove it catches that race.
 */
export function naiveCache<T>(redis: RedisStore, key: string, ttlMs: number) {
  return {
    async read(load: () => Promise<T | null>, afterLoad: () => Promise<void>): Promise<T | null> {
      const raw = await redis.get(key);
      if (raw !== null) return JSON.parse(raw) as T;
      const value = await load();
      await afterLoad();
      if (value !== null) await redis.set(key, JSON.stringify(value), { px: ttlMs });
      return value;
    },
    async invalidate(): Promise<void> {
      await redis.del([key]);
    },
    async cached(): Promise<T | null> {
      const raw = await redis.get(key);
      return raw === null ? null : (JSON.parse(raw) as T);
    },
  };
}
