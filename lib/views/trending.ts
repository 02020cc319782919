import 'server-only';

import { counterKeys, TRENDING_WINDOW_HOURS } from './keys';
import type { RestaurantSummary } from '@/lib/menus/types';
import { guardedRedis } from '@/lib/redis/guard';
import type { RedisStore } from '@/lib/redis/types';

import { lastHours } from './buckets';

export interface TrendingRestaurant {
  restaurant: RestaurantSummary;
  /** Views in the last 24 hours. */
  views: number;
}

export interface TrendingScore {
  slug: string;
  views: number;
}

export const TRENDING_LIMIT = 5;

/**
 * Views per restaurant of one city over the last 24 hourly buckets, most viewed first, ties by slug.
 * Buckets older than the window are never read (and expire by TTL), so trending follows the last day,
 * not all time. The 24 ZRANGEs are merged here rather than with ZUNIONSTORE: the interface stays small,
 * nothing is written on a read, and the Upstash driver sends them as one pipelined request.
 * Null when Redis cannot answer. Pages read the snapshot of this (trending-cache.ts), not this.
 */
export async function readTrendingScores(citySlug: string, now: Date = new Date(), store?: RedisStore): Promise<TrendingScore[] | null> {
  const buckets = lastHours(now, TRENDING_WINDOW_HOURS).map((hour) => counterKeys.trendingHour(citySlug, hour));
  const read = await guardedRedis('trending', (redis) =>
    Promise.all(buckets.map((key) => redis.zrange(key, 0, -1))),
    store,
  );
  if (!read.ok) return null;
  const totals = new Map<string, number>();
  for (const bucket of read.value) {
    for (const { member, score } of bucket) totals.set(member, (totals.get(member) ?? 0) + score);
  }
  return [...totals]
    .map(([slug, views]) => ({ slug, views }))
    .filter((entry) => entry.views > 0)
    .sort((a, b) => b.views - a.views || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
