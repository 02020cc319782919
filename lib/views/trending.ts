import 'server-only';

import { counterKeys, TRENDING_WINDOW_HOURS } from './keys';
import type { CityRestaurants, RestaurantSummary } from '@/lib/menus/types';
import { guardedRedis } from '@/lib/redis/guard';

import { lastHours } from './buckets';

export interface TrendingRestaurant {
  restaurant: RestaurantSummary;
  /** Views in the last 24 hours. */
  views: number;
}

export const TRENDING_LIMIT = 5;

/**
 * Views per restaurant of one city over the last 24 hourly buckets, most viewed first, ties by slug.
 * Buckets older than the window are never read (and expire by TTL), so trending follows the last day,
 * not all time. The 24 ZRANGEs are merged here rather than with ZUNIONSTORE: the interface stays small,
 * nothing is written on a read, and the Upstash driver sends them as one pipelined request.
 * Null when Redis cannot answer.
 */
export async function readTrendingScores(
  citySlug: string,
  now: Date = new Date(),
): Promise<{ slug: string; views: number }[] | null> {
  const buckets = lastHours(now, TRENDING_WINDOW_HOURS).map((hour) => counterKeys.trendingHour(citySlug, hour));
  const read = await guardedRedis('trending', (redis) =>
    Promise.all(buckets.map((key) => redis.zrange(key, 0, -1))),
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

/**
 * The city page's "Trending in <city>": the top restaurants that still exist in the city's listing
 * (a deleted or moved restaurant's old views are skipped). Empty when nothing has views or Redis is away.
 */
export async function trendingInCity(
  city: CityRestaurants,
  now: Date = new Date(),
  limit: number = TRENDING_LIMIT,
): Promise<TrendingRestaurant[]> {
  const scores = await readTrendingScores(city.city.slug, now);
  if (!scores) return [];
  const bySlug = new Map(city.restaurants.map((restaurant) => [restaurant.slug, restaurant]));
  return scores
    .flatMap(({ slug, views }) => {
      const restaurant = bySlug.get(slug);
      return restaurant ? [{ restaurant, views }] : [];
    })
    .slice(0, limit);
}
