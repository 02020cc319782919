import { prefix } from '@/lib/cache/keys';

const SECOND = 1_000;

/**
 * The cached read-side figures of views and trending (lib/counters/week-figure.ts, trending-cache.ts).
 * Outside `views:v1:restaurant:`, so the flush's SCAN never meets them; hash tags as lib/cache/keys.ts.
 */
export const figureKeys = {
  /** JSON `{ generation, value }`: one restaurant's views over the last 7 days, as the menu page shows it. */
  viewsWeek: (slug: string) => `${prefix()}views:v1:week:{${slug}}`,
  /** JSON TrendingSnapshot: a city's trending scores, computed once from the 24 hourly sets. */
  trendingTop: (citySlug: string) => `${prefix()}trending:v1:city:{${citySlug}}:top`,
  /** INCR on every counted view in the city: a snapshot taken at another version is stale. */
  trendingVersion: (citySlug: string) => `${prefix()}trending:v1:city:{${citySlug}}:version`,
  /** SET NX PX: the one reader, over all instances, that recomputes a stale snapshot. */
  trendingLease: (citySlug: string) => `${prefix()}trending:v1:city:{${citySlug}}:lease`,
} as const;

/**
 * The weekly views figure is cached this long; a counted view replaces its generation, so it only
 * serves an older count after a lost invalidation, and the day window moves on within this bound.
 */
export const VIEWS_WEEK_TTL_MS = 30 * SECOND;
/** A trending snapshot is recomputed at least this often (the 24-hour window moves on), and stored this long. */
export const TRENDING_MAX_AGE_MS = 60 * SECOND;
export const TRENDING_SNAPSHOT_TTL_MS = 10 * 60 * SECOND;
/** At most one recompute per city per this interval over all instances; the others serve the snapshot they read. */
export const TRENDING_LEASE_MS = 1 * SECOND;
