import 'server-only';

import { getDatabase } from '@/db/client';
import { snapshotProcessStats, type ProcessStats } from '@/lib/metrics/process-stats';
import { getRedis } from '@/lib/redis/client';
import { guardedRedis } from '@/lib/redis/guard';

export interface Health {
  ok: true;
  database: 'postgres' | 'pglite';
  redis: { backend: 'upstash' | 'tcp' | 'memory'; reachable: boolean };
  counters: ProcessStats;
}

/**
 * Which backends this instance uses, whether Redis answers, and its counters (Postgres queries,
 * cache hits and misses per namespace). No secrets, keys or values.
 */
export async function readHealth(): Promise<Health> {
  const ping = await guardedRedis('ping', (redis) => redis.ping());
  return {
    ok: true,
    database: getDatabase().backend,
    redis: { backend: getRedis().backend, reachable: ping.ok },
    counters: snapshotProcessStats(),
  };
}
