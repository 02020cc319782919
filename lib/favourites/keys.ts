import { generationKey } from '@/lib/cache/keys';
import { MINUTE, HOUR, keyPrefix } from '@/lib/redis/keys';

/**
 * Keys of the favourites cache (cache.ts; lib/redis/keys.ts has the rules). Each customer's list is
 * cached through lib/cache/read-through as the menus are, so an empty list is just `[]` and a stale
 * refill is never served. Private, since a list says what one customer likes. The customer's id is the
 * hash tag, so one MGET reads the entry and its generation on a Redis Cluster too.
 */

/**
 * Short on purpose: it is also how long a list can stay stale when Redis missed the invalidation
 * after a change (Postgres has the change; the next refill shows it).
 */
export const FAVOURITES_TTL_MS = 10 * MINUTE;
/**
 * Per customer, so it expires, unlike the menus' generation keys. Far longer than any refill takes:
 * a token replaced after a change must outlive every refill that began before the change.
 */
export const FAVOURITES_GENERATION_TTL_MS = HOUR;

/**
 * A restaurant's cached favourite count lives this long at most: each favourite change replaces its
 * generation after the commit, so this only bounds how long a missed invalidation can show an old count.
 */
export const FAVOURITE_COUNT_TTL_MS = MINUTE;

export const favouriteKeys = {
  /** JSON `{ generation, value }`: the slugs of the restaurants one customer favourited. */
  customer: (customerId: number) => `${keyPrefix()}fav:v1:customer:{${customerId}}`,
  /** That entry's generation token, replaced after every change to the customer's favourites. */
  customerGeneration: (customerId: number) => generationKey(favouriteKeys.customer(customerId)),
  /** JSON `{ generation, value }`: how many customers favourited a restaurant (the menu page's heart), from Postgres. */
  restaurantCount: (slug: string) => `${keyPrefix()}fav:v1:restaurant:{${slug}}:count`,
} as const;
