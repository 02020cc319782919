import { escapeGlob } from '@/lib/redis/glob';
import { SECOND, MINUTE, HOUR, DAY, keyPrefix } from '@/lib/redis/keys';

/**
 * Redis keys of view counts and trending (lib/redis/keys.ts has the rules). Not cache: live counts the
 * flush (flush.ts) moves to Postgres. Every key of one restaurant carries its slug as the hash tag, so
 * a live bucket, its flush keys and its in-flight marker set share a Redis Cluster slot (RENAME and
 * MGET across them are legal there).
 */

/** One counted view per visitor, restaurant and hour (SET NX PX): reloads and repeat visits count once. */
export const VIEW_DEDUPE_TTL_MS = HOUR;
/**
 * A safety net, not the lifecycle: the flush moves day buckets to Postgres every minute or so. A bucket
 * no flush ever reaches still outlives the 7-day window it is shown in, then stops using memory.
 */
export const VIEW_DAY_TTL_MS = 8 * DAY;
/** Trending reads the last 24 hourly buckets; the extra hour keeps the oldest alive until it leaves the window. */
export const TRENDING_HOUR_TTL_MS = 25 * HOUR;
/** How far back trending looks, in hourly buckets. */
export const TRENDING_WINDOW_HOURS = 24;
/**
 * The cached durable view totals (counterKeys.viewsDurable) live this long; every flush that commits
 * views of the restaurant replaces the entry's generation first, so they are never stale.
 */
export const VIEWS_DURABLE_TTL_MS = 10 * MINUTE;

const VIEWS_RESTAURANT = 'views:v1:restaurant:';
const COUNTER_KEY =
  /^views:v1:restaurant:\{([a-z0-9-]+)\}:(?:day:(\d{4}-\d{2}-\d{2})(?::flush:([A-Za-z0-9_-]+))?|(flushing))$/;

/** A views key found by SCAN: a live day bucket, a bucket being flushed, or a restaurant's in-flight marker set. */
export type CounterKey =
  | { kind: 'day'; slug: string; day: string }
  | { kind: 'flush'; slug: string; day: string; flushId: string }
  | { kind: 'flushing'; slug: string };

export const counterKeys = {
  /** Live view count of one restaurant on one day (INCR), `day` as YYYY-MM-DD in IST. */
  viewsDay: (slug: string, day: string) => `${keyPrefix()}${VIEWS_RESTAURANT}{${slug}}:day:${day}`,
  /** A day bucket renamed away by one flush; never written again, only read and deleted. */
  viewsFlush: (slug: string, day: string, flushId: string) => `${counterKeys.viewsDay(slug, day)}:flush:${flushId}`,
  /** Set of `<day>:<flushId>` members naming this restaurant's flush keys, so readers find them without SCAN. */
  viewsFlushing: (slug: string) => `${keyPrefix()}${VIEWS_RESTAURANT}{${slug}}:flushing`,
  /** Present for an hour after a visitor's counted view (SET NX PX). */
  viewSeen: (slug: string, visitorId: string) => `${keyPrefix()}views:v1:seen:{${slug}}:${visitorId}`,
  /** Sorted set of restaurant slugs by views in one hour (ZINCRBY), `hour` as YYYYMMDDHH in IST. */
  trendingHour: (citySlug: string, hour: string) => `${keyPrefix()}trending:v1:city:{${citySlug}}:hour:${hour}`,
  /**
   * JSON `{ generation, value }`: one restaurant's durable views per day (Postgres) and which of its flush
   * ids Postgres has applied, so the menu page reads its views without Postgres (lib/views/read-views.ts).
   * Outside `views:v1:restaurant:`, so the flush's SCAN never meets it.
   */
  viewsDurable: (slug: string) => `${keyPrefix()}views:v1:durable:{${slug}}`,
  /** SCAN pattern for every views key of every restaurant (buckets, flush keys, markers); see parseCounterKey. */
  viewsRestaurantPattern: () => `${escapeGlob(keyPrefix())}${VIEWS_RESTAURANT}*`,
} as const;

/** Parses a full key (prefix included) from a SCAN of the views namespace; undefined for anything else. */
export function parseCounterKey(key: string): CounterKey | undefined {
  const own = keyPrefix();
  if (!key.startsWith(own)) return undefined;
  const match = COUNTER_KEY.exec(key.slice(own.length));
  if (!match) return undefined;
  const [, slug, day, flushId, flushing] = match;
  if (flushing) return { kind: 'flushing', slug: slug! };
  if (flushId) return { kind: 'flush', slug: slug!, day: day!, flushId };
  return { kind: 'day', slug: slug!, day: day! };
}

/**
 * The cached read-side figures of views and trending (week-figure.ts, trending-cache.ts). Outside
 * `views:v1:restaurant:`, so the flush's SCAN never meets them.
 */
export const figureKeys = {
  /** JSON `{ generation, value }`: one restaurant's views over the last 7 days, as the menu page shows it. */
  viewsWeek: (slug: string) => `${keyPrefix()}views:v1:week:{${slug}}`,
  /** JSON TrendingSnapshot: a city's trending scores, computed once from the 24 hourly sets. */
  trendingTop: (citySlug: string) => `${keyPrefix()}trending:v1:city:{${citySlug}}:top`,
  /** INCR on every counted view in the city: a snapshot taken at another version is stale. */
  trendingVersion: (citySlug: string) => `${keyPrefix()}trending:v1:city:{${citySlug}}:version`,
  /** SET NX PX: the one reader, over all instances, that recomputes a stale snapshot. */
  trendingLease: (citySlug: string) => `${keyPrefix()}trending:v1:city:{${citySlug}}:lease`,
} as const;

/**
 * The weekly views figure is cached this long; a counted view replaces its generation, so it only
 * serves an older count after a lost invalidation, and the day window moves on within this bound.
 */
export const VIEWS_WEEK_TTL_MS = 30 * SECOND;
/** A trending snapshot is stored this long (it is fresh by its version and hour, not by age). */
export const TRENDING_SNAPSHOT_TTL_MS = 10 * MINUTE;
/** At most one recompute per city per this interval over all instances; the others serve the snapshot they read. */
export const TRENDING_LEASE_MS = 1 * SECOND;
