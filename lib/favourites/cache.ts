import 'server-only';

import { getDb } from '@/db/client';
import { invalidate } from '@/lib/cache/invalidate';
import { entryKeys, readThrough, type EntryRead } from '@/lib/cache/read-through';
import type { CacheStatus } from '@/lib/cache/types';
import type { RedisStore } from '@/lib/redis/types';

import { favouriteKeys, FAVOURITES_GENERATION_TTL_MS, FAVOURITES_TTL_MS } from './keys';
import { loadFavouriteSlugs } from './postgres';

/**
 * A cache of each customer's favourites (restaurant slugs), through the menus' read-through cache and
 * its protection against stale refills (docs/decisions/004): every change replaces the customer's
 * generation token after its commit, so a refill that loaded Postgres before the commit is stored
 * under the old token and never served. Every Redis step is guarded: on failure the list comes from
 * Postgres.
 *
 * Why not patch a Redis set with SADD/SREM after each commit: two changes by one customer (two tabs, a
 * replay) commit in one order and may reach Redis in the other, leaving the set wrong until it expires.
 * A whole-list entry also makes "no favourites" plain `[]`, where an empty Redis set cannot exist.
 *
 * Unlike the menus' (a bounded set), one customer's generation token expires
 * (FAVOURITES_GENERATION_TTL_MS), and the entry's TTL is exact, not jittered: it is also how long a
 * list can stay stale when Redis missed an invalidation.
 */

export interface FavouriteSlugs {
  slugs: string[];
  status: CacheStatus;
  /** Redis could not be read: the list came from Postgres and was not stored. */
  degraded: boolean;
}

const isSlugList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((slug) => typeof slug === 'string');

/**
 * `entryRead`: the entry already read within a wider MGET that listed favouriteEntryKeys (the menu's
 * visitor request, decision 078), for a customer the same read confirmed signed in.
 */
export async function readFavouriteSlugs(customerId: number, store?: RedisStore, entryRead?: EntryRead): Promise<FavouriteSlugs> {
  const spec = {
    key: favouriteKeys.customer(customerId),
    ttlMs: FAVOURITES_TTL_MS,
    jitter: false,
    generationTtlMs: FAVOURITES_GENERATION_TTL_MS,
    isValue: isSlugList,
    store,
    load: () => loadFavouriteSlugs(getDb(), customerId),
  };
  const { value, cache } = await readThrough(spec, entryRead);
  return { slugs: value ?? [], status: cache.status, degraded: cache.degraded };
}

/** The keys readFavouriteSlugs reads, in its order: in the customer's Cluster slot, as their session's are. */
export function favouriteEntryKeys(customerId: number): [string, string] {
  return entryKeys(favouriteKeys.customer(customerId));
}

/**
 * Runs after a change commits: the customer's list, and (when a row changed) the restaurant's count.
 * False when Redis could not be reached: the list may then be stale until FAVOURITES_TTL_MS, the count
 * until FAVOURITE_COUNT_TTL_MS.
 */
export async function invalidateFavourites(customerId: number, restaurantSlug: string | null, store?: RedisStore): Promise<boolean> {
  const [list, count] = await Promise.all([
    invalidate([favouriteKeys.customer(customerId)], store, { generationTtlMs: FAVOURITES_GENERATION_TTL_MS }),
    restaurantSlug === null ? { ok: true } : invalidate([favouriteKeys.restaurantCount(restaurantSlug)], store),
  ]);
  return list.ok && count.ok;
}
