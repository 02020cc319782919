import type { DatabaseHandle } from '@/db/client';
import { parseEnv } from '@/lib/env';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

/**
 * Points the app's process singletons (lib/server/singletons.ts) at a test's own Redis store and
 * database, with fresh process statistics, breaker, in-flight map, readiness answer and confirmed sessions,
 * exactly as start-up would.
 */
export function installBackends(options: {
  redis: RedisStore;
  database: DatabaseHandle;
  env?: Record<string, string>;
}): void {
  const shared = singletons();
  shared.env = parseEnv({ NODE_ENV: 'test', ...options.env });
  shared.redis = options.redis;
  shared.database = options.database;
  shared.redisBreaker = undefined;
  shared.flights = undefined;
  shared.processStats = undefined;
  shared.readiness = undefined;
  shared.confirmedSessions = undefined;
  shared.pageRenders = undefined;
  shared.pageCopies = undefined;
  shared.pageBuildId = undefined;
  shared.redisWritesInDoubtUntil = undefined;
}

/** Every key under a prefix, through SCAN (never KEYS). */
export async function keysUnder(redis: RedisStore, prefix: string): Promise<string[]> {
  const found = new Set<string>();
  let cursor = '0';
  do {
    const page = await redis.scan(cursor, { match: `${prefix}*`, count: 200 });
    page.keys.forEach((key) => found.add(key));
    cursor = page.cursor;
  } while (cursor !== '0');
  return [...found].sort();
}

export async function deleteKeysUnder(redis: RedisStore, prefix: string): Promise<void> {
  const keys = await keysUnder(redis, prefix);
  if (keys.length > 0) await redis.del(keys);
}
