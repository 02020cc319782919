import { createHash } from 'node:crypto';

import { getEnv } from '@/lib/env';
import { keyPrefix, SECOND } from '@/lib/redis/keys';

/**
 * Keys of the cache-aside entries (cities, city listings, menus, searches), their generation keys and
 * the shared hit/miss statistics; lib/redis/keys.ts has the rules every key follows.
 */

export const CACHE_NAMESPACES = ['cities', 'city', 'menu', 'search'] as const;
export type CacheNamespace = (typeof CACHE_NAMESPACES)[number];

/** Cache lifetimes. A little jitter is added per write (see withJitter) so keys don't expire together. */
export function cacheTtlMs(): number {
  return getEnv().CACHE_TTL_SECONDS * SECOND;
}

/** Up to +10% of the TTL, so entries written in the same second spread their expiry. */
export function withJitter(ttlMs: number, random: () => number = Math.random): number {
  return ttlMs + Math.floor(random() * ttlMs * 0.1);
}

/**
 * Every cache entry has a generation key beside it (same hash tag, so one MGET reads both): a random
 * token that writers replace after each commit. An entry only counts while it carries the current
 * token (see read-through.ts). The menus' generation keys have no TTL, so `volatile-*` eviction never
 * drops one (a customer's favourites token expires: see FAVOURITES_GENERATION_TTL_MS).
 */
export function generationKey(entryKey: string): string {
  return `${generationOwner(entryKey)}:gen`;
}

/**
 * The entry key whose generation an entry follows: itself, except a city's search results, which all
 * follow one per city (`search:v1:{<city>}`, never itself stored), so one rotation after a save makes
 * every cached search of that city stale, however many different searches there were.
 */
export function generationOwner(entryKey: string): string {
  const own = keyPrefix();
  const match = entryKey.startsWith(own) ? SEARCH_RESULTS_KEY.exec(entryKey.slice(own.length)) : null;
  return match ? `${own}${match[1]}` : entryKey;
}

export function isGenerationKey(key: string): boolean {
  return key.endsWith(':gen');
}

/**
 * Search results (lib/search) live briefly: each distinct search is its own entry, so the TTL is what
 * bounds their number. Freshness comes from the city's generation, rotated after every save that
 * changes what a search shows, not from this TTL.
 */
export const SEARCH_TTL_MS = 60 * SECOND;

const SEARCH_RESULTS_KEY = /^(search:v1:\{[a-z0-9-]+\}):q:[A-Za-z0-9_-]+$/;

/** Whether a full key holds one search's results (an entry whose generation is its city's). */
export function isSearchResultsKey(key: string): boolean {
  return generationOwner(key) !== key;
}

/** A normalized search (lib/search/query.ts) as a fixed-length key part: no user text in key names. */
function searchDigest(normalizedQuery: string): string {
  return createHash('sha256').update(normalizedQuery).digest('base64url').slice(0, 22);
}

export const keys = {
  /** JSON array of CitySummary. */
  cities: () => `${keyPrefix()}cities:v1:{all}`,
  /** JSON CityRestaurants for one city. */
  cityRestaurants: (citySlug: string) => `${keyPrefix()}city:v3:{${citySlug}}:restaurants`,
  /** JSON RestaurantMenu for one restaurant. */
  restaurantMenu: (restaurantSlug: string) => `${keyPrefix()}menu:v4:restaurant:{${restaurantSlug}}`,
  /**
   * A city's search results as one invalidation target: never stored itself, its generation
   * (`…:gen`) is the one every search of the city follows (generationOwner). Saves list this key.
   */
  citySearch: (citySlug: string) => `${keyPrefix()}search:v1:{${citySlug}}`,
  /** JSON SearchResults for one normalized search in one city. */
  citySearchResults: (citySlug: string, normalizedQuery: string) =>
    `${keyPrefix()}search:v1:{${citySlug}}:q:${searchDigest(normalizedQuery)}`,
  /** Hash of shared hit/miss counters per cache namespace (fields `<namespace>:hit`, …). */
  cacheStats: () => `${keyPrefix()}stats:v1:cache`,
  /** SCAN pattern for every key of one cache namespace. */
  namespacePattern: (namespace: CacheNamespace) => `${keyPrefix()}${namespace}:*`,
} as const;

/** Which cache namespace a full key belongs to (for per-namespace hit/miss counts). */
export function namespaceOf(key: string): CacheNamespace | undefined {
  const bare = key.slice(keyPrefix().length);
  return CACHE_NAMESPACES.find((namespace) => bare.startsWith(`${namespace}:`));
}
