import { getEnv } from '@/lib/env';

/**
 * Every Redis key the app uses is built here, with its lifetime beside it.
 *
 * - Colon-separated and versioned (`menu:v1:…`): bump the version when a value's shape changes and old
 *   entries simply stop being read, then expire.
 * - The per-entity part sits in a hash tag (`{…}`) so keys that a future script touches together
 *   (an entry and its generation marker, say) land in one Redis Cluster slot.
 * - REDIS_KEY_PREFIX namespaces everything, so a preview and a production deployment can share one
 *   Upstash database.
 */

const SECOND = 1000;

export const CACHE_NAMESPACES = ['cities', 'city', 'menu'] as const;
export type CacheNamespace = (typeof CACHE_NAMESPACES)[number];

function prefix(): string {
  return getEnv().REDIS_KEY_PREFIX ?? '';
}

/** Cache lifetimes. A little jitter is added per write (see withJitter) so keys don't expire together. */
export function cacheTtlMs(): number {
  return getEnv().CACHE_TTL_SECONDS * SECOND;
}

/** Up to +10% of the TTL, so entries written in the same second spread their expiry. */
export function withJitter(ttlMs: number, random: () => number = Math.random): number {
  return ttlMs + Math.floor(random() * ttlMs * 0.1);
}

export const keys = {
  /** JSON array of CitySummary. */
  cities: () => `${prefix()}cities:v1:all`,
  /** JSON CityRestaurants for one city. */
  cityRestaurants: (citySlug: string) => `${prefix()}city:v1:{${citySlug}}:restaurants`,
  /** JSON RestaurantMenu for one restaurant. */
  restaurantMenu: (restaurantSlug: string) => `${prefix()}menu:v1:restaurant:{${restaurantSlug}}`,
  /** SCAN pattern for every key of one cache namespace. */
  namespacePattern: (namespace: CacheNamespace) => `${prefix()}${namespace}:*`,
} as const;

/** Which cache namespace a full key belongs to (for per-namespace hit/miss counts). */
export function namespaceOf(key: string): CacheNamespace | undefined {
  const bare = key.slice(prefix().length);
  return CACHE_NAMESPACES.find((namespace) => bare.startsWith(`${namespace}:`));
}
