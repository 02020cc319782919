import 'server-only';

import { getDb } from '@/db/client';
import type { CounterKey } from './keys';
import { guardedRedis } from '@/lib/redis/guard';

import { lastDays, WEEK_DAYS } from './buckets';
import { appliedFlushIds, durableViewsByRestaurant, restaurantLabels } from './durable';
import { asCount, counterKeyName, scanCounterKeys } from './live';

export interface CounterDashboard {
  /** Views since midnight IST, every restaurant. */
  viewsToday: number;
  /** The most viewed restaurants over the last 7 days, most first (ties by slug). */
  topRestaurants: { slug: string; name: string; citySlug: string; cityName: string; views: number }[];
}

const TOP = 10;

type Bucket = Extract<CounterKey, { kind: 'day' | 'flush' }> & { views: number };

/**
 * Data for the admin dashboard's tiles: Postgres's durable totals plus what Redis has not flushed
 * yet, as on the menu page. Finding every restaurant's live buckets takes a SCAN of the keyspace:
 * fine for an admin page, which is why the menu page never does it. Without Redis the durable
 * totals answer alone.
 */
export async function readCounterDashboard(now: Date = new Date()): Promise<CounterDashboard> {
  const days = lastDays(now, WEEK_DAYS);
  const today = days.at(-1)!;
  const db = getDb();
  const buckets = (await readLiveBuckets(new Set(days))) ?? [];
  const pendingIds = buckets.flatMap((bucket) => (bucket.kind === 'flush' ? [bucket.flushId] : []));
  const [week, todayDurable, applied] = await Promise.all([
    durableViewsByRestaurant(db, days[0]!, today),
    durableViewsByRestaurant(db, today, today),
    appliedFlushIds(db, pendingIds),
  ]);

  let viewsToday = [...todayDurable.values()].reduce((sum, views) => sum + views, 0);
  for (const bucket of buckets) {
    if (bucket.kind === 'flush' && applied.has(bucket.flushId)) continue;
    week.set(bucket.slug, (week.get(bucket.slug) ?? 0) + bucket.views);
    if (bucket.day === today) viewsToday += bucket.views;
  }

  const ranked = [...week]
    .filter(([, views]) => views > 0)
    .sort(([slugA, a], [slugB, b]) => b - a || (slugA < slugB ? -1 : slugA > slugB ? 1 : 0));
  // Restaurants deleted since their views were counted have no label and are left out.
  const labels = await restaurantLabels(db, ranked.slice(0, TOP * 2).map(([slug]) => slug));
  const topRestaurants = ranked
    .flatMap(([slug, views]) => {
      const label = labels.get(slug);
      return label ? [{ slug, name: label.name, citySlug: label.citySlug, cityName: label.cityName, views }] : [];
    })
    .slice(0, TOP);
  return { viewsToday, topRestaurants };
}

/** Every live and flush bucket in the window with its count, or null when Redis cannot answer. */
async function readLiveBuckets(window: Set<string>): Promise<Bucket[] | null> {
  const found = new Map<string, Extract<CounterKey, { kind: 'day' | 'flush' }>>();
  let cursor = '0';
  do {
    const page = await guardedRedis('counters', (redis) => scanCounterKeys(redis, cursor));
    if (!page.ok) return null;
    for (const key of page.value.keys) {
      if (key.kind !== 'flushing' && window.has(key.day)) found.set(counterKeyName(key), key);
    }
    cursor = page.value.cursor;
  } while (cursor !== '0');

  // One MGET per restaurant: its keys share a hash tag, so this also works on a Redis Cluster.
  const bySlug = new Map<string, string[]>();
  for (const [name, key] of found) bySlug.set(key.slug, [...(bySlug.get(key.slug) ?? []), name]);
  const read = await guardedRedis('counters', (redis) =>
    Promise.all([...bySlug.values()].map(async (names) => {
      const values = await redis.mget(names);
      return names.map((name, index) => [name, asCount(values[index] ?? null)] as const);
    })),
  );
  if (!read.ok) return null;
  return read.value.flat().map(([name, views]) => ({ ...found.get(name)!, views }));
}
