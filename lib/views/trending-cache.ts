import 'server-only';

import { singleFlight } from '@/lib/cache/single-flight';
import { log } from '@/lib/log';
import type { CityRestaurants } from '@/lib/menus/types';
import { guardedRedis } from '@/lib/redis/guard';
import type { RedisStore } from '@/lib/redis/types';

import { hourOf } from './buckets';
import { figureKeys, TRENDING_LEASE_MS, TRENDING_SNAPSHOT_TTL_MS } from './keys';
import { readTrendingScores, TRENDING_LIMIT, type TrendingRestaurant, type TrendingScore } from './trending';

/** A city's trending scores as computed at one view-count version, in one IST hour. */
interface TrendingSnapshot {
  version: string | null;
  hour: string;
  scores: TrendingScore[];
}

function parseSnapshot(raw: string | null): TrendingSnapshot | null {
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as TrendingSnapshot;
    return typeof parsed.hour === 'string' && Array.isArray(parsed.scores) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * A city's trending scores in one Redis command: the snapshot and the city's view-count version in one
 * MGET. A snapshot taken at the current version in the current hour is exact (no view was counted
 * since, and the 24-hour window has not moved). A stale one is recomputed from the 24 hourly sets by
 * one reader at a time over all instances (a SET NX PX lease, at most one per TRENDING_LEASE_MS);
 * while it is held the others serve the snapshot they read, if it is of this hour. No worker needed.
 * Null when Redis cannot answer.
 */
export async function cachedTrendingScores(citySlug: string, now: Date = new Date(), store?: RedisStore): Promise<TrendingScore[] | null> {
  return (await trendingSnapshot(citySlug, now, store)).scores;
}

/** The scores, and whether they are exact: of the city's current version (not a snapshot another reader is replacing, nor missing). */
async function trendingSnapshot(citySlug: string, now: Date, store?: RedisStore): Promise<{ scores: TrendingScore[] | null; exact: boolean }> {
  const read = await guardedRedis('trending', (redis) => redis.mget([figureKeys.trendingTop(citySlug), figureKeys.trendingVersion(citySlug)]), store);
  if (!read.ok) return { scores: null, exact: false };
  const [raw = null, version = null] = read.value;
  const snapshot = parseSnapshot(raw);
  const hour = hourOf(now);
  if (snapshot && snapshot.version === version && snapshot.hour === hour) return { scores: snapshot.scores, exact: true };
  return singleFlight(`trending:${citySlug}:${hour}:${version ?? 'none'}`, async () => {
    if (snapshot?.hour === hour) {
      const lease = await guardedRedis('trending', (redis) => redis.set(figureKeys.trendingLease(citySlug), '1', { nx: true, px: TRENDING_LEASE_MS }), store);
      if (!lease.ok || !lease.value) return { scores: snapshot.scores, exact: false };
    }
    const scores = await readTrendingScores(citySlug, now, store);
    if (scores === null) return { scores: snapshot?.hour === hour ? snapshot.scores : null, exact: false };
    // The version read before the ZRANGEs: a view counted meanwhile leaves this snapshot stale, never hides.
    const fresh: TrendingSnapshot = { version, hour, scores };
    const stored = await guardedRedis('trending', (redis) => redis.set(figureKeys.trendingTop(citySlug), JSON.stringify(fresh), { px: TRENDING_SNAPSHOT_TTL_MS }), store);
    if (!stored.ok) log.warn('trending snapshot not stored', { citySlug });
    return { scores, exact: true };
  });
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
  return (await readTrendingInCity(city, now, limit)).restaurants;
}

/**
 * trendingInCity, saying whether it is exact (docs/decisions/046): a shared city page keeps only a
 * render whose trending was computed at the version it depends on, not one drawn while another
 * reader was recomputing, nor one left empty because Redis failed.
 */
export async function readTrendingInCity(
  city: CityRestaurants,
  now: Date = new Date(),
  limit: number = TRENDING_LIMIT,
): Promise<{ restaurants: TrendingRestaurant[]; exact: boolean }> {
  const { scores, exact } = await trendingSnapshot(city.city.slug, now);
  if (!scores) return { restaurants: [], exact };
  const bySlug = new Map(city.restaurants.map((restaurant) => [restaurant.slug, restaurant]));
  const restaurants = scores
    .flatMap(({ slug, views }) => {
      const restaurant = bySlug.get(slug);
      return restaurant ? [{ restaurant, views }] : [];
    })
    .slice(0, limit);
  return { restaurants, exact };
}
