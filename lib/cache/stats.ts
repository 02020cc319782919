import 'server-only';

import { guardedRedis } from '@/lib/redis/guard';
import { singletons, type ProcessSingletons } from '@/lib/server/singletons';

import { CACHE_NAMESPACES, keys } from './keys';
import type { CacheStatus } from './types';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    cacheStats?: { counts: Map<string, number>; timer?: NodeJS.Timeout };
  }
}

/**
 * Hit/miss counts per cache namespace, shared by every instance through one Redis hash. Lookups are
 * counted in process and added to Redis in one batch per second at most, so counting costs a page
 * view no Redis round trip. Counts that cannot reach Redis are dropped: they are statistics.
 */
const FLUSH_EVERY_MS = 1_000;

function pending(): NonNullable<ProcessSingletons['cacheStats']> {
  const shared = singletons();
  shared.cacheStats ??= { counts: new Map() };
  return shared.cacheStats;
}

export function recordCacheLookup(namespace: string, status: CacheStatus): void {
  const state = pending();
  const field = `${namespace}:${status === 'HIT' ? 'hit' : 'miss'}`;
  state.counts.set(field, (state.counts.get(field) ?? 0) + 1);
  state.timer ??= setTimeout(() => void flushCacheStats(), FLUSH_EVERY_MS).unref();
}

export async function flushCacheStats(): Promise<void> {
  const state = pending();
  clearTimeout(state.timer);
  state.timer = undefined;
  const batch = [...state.counts];
  state.counts.clear();
  if (batch.length === 0) return;
  const key = keys.cacheStats();
  await guardedRedis('stats', (redis) => Promise.all(batch.map(([field, n]) => redis.hincrby(key, field, n))));
}

export interface NamespaceStats {
  namespace: string;
  hits: number;
  misses: number;
  /** hits / (hits + misses), or null before the first lookup. */
  hitRatio: number | null;
}

/** Shared counts for every cache namespace (flushing this instance's pending counts first). */
export async function readCacheStats(): Promise<NamespaceStats[] | null> {
  await flushCacheStats();
  const read = await guardedRedis('stats', (redis) => redis.hgetall(keys.cacheStats()));
  if (!read.ok) return null;
  return CACHE_NAMESPACES.map((namespace) => {
    const hits = Number(read.value[`${namespace}:hit`] ?? 0);
    const misses = Number(read.value[`${namespace}:miss`] ?? 0);
    return { namespace, hits, misses, hitRatio: hits + misses === 0 ? null : hits / (hits + misses) };
  });
}
