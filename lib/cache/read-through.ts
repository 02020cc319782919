import 'server-only';

import { log } from '@/lib/log';
import { countCacheLookup } from '@/lib/metrics/counters';
import { guardedRedis } from '@/lib/redis/guard';

import { namespaceOf, withJitter } from './keys';
import { singleFlight } from './single-flight';
import type { Cached, CacheStatus } from './types';

export interface ReadThroughSpec<T> {
  key: string;
  ttlMs: number;
  /** Reads the source of truth; null means "no such thing", which is never cached. */
  load: () => Promise<T | null>;
}

interface Lookup<T> {
  value: T | null;
  status: CacheStatus;
  degraded: boolean;
}

/**
 * Cache-aside, as the kirana board: look at Redis first (HIT); on a MISS read Postgres, write the
 * answer to Redis with a TTL, and answer. Redis trouble never fails the read: Postgres answers and
 * the outcome is marked degraded. Unknown entities are not stored, so random URLs create no keys.
 */
export async function readThrough<T>(spec: ReadThroughSpec<T>): Promise<Cached<T | null>> {
  const started = performance.now();
  const lookup = await singleFlight(spec.key, () => lookUp(spec));
  const ms = performance.now() - started;
  countCacheLookup(namespaceOf(spec.key) ?? 'other', lookup.status === 'HIT' ? 'hit' : 'miss', lookup.degraded);
  return { value: lookup.value, cache: { status: lookup.status, ms, degraded: lookup.degraded } };
}

async function lookUp<T>({ key, ttlMs, load }: ReadThroughSpec<T>): Promise<Lookup<T>> {
  const cached = await guardedRedis('get', (redis) => redis.get(key));
  if (cached.ok && cached.value !== null) {
    const parsed = parse<T>(cached.value);
    if (parsed.ok) return { value: parsed.value, status: 'HIT', degraded: false };
    log.warn('dropping an unreadable cache entry', { key });
  }

  const value = await load();
  if (value !== null && cached.ok) {
    // Awaited so the next request finds it, but a failed write only costs a future miss.
    await guardedRedis('set', (redis) => redis.set(key, JSON.stringify(value), { px: withJitter(ttlMs) }));
  }
  return { value, status: 'MISS', degraded: !cached.ok };
}

function parse<T>(raw: string): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) as T };
  } catch {
    return { ok: false };
  }
}
