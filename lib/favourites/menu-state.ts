import 'server-only';

import { getDb } from '@/db/client';
import { FAVOURITE_COUNT_TTL_MS, favouriteKeys } from './keys';
import { readThrough, type EntryRead } from '@/lib/cache/read-through';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { valueWithin } from '@/lib/server/deadline';

import { readFavouriteSlugs } from './cache';
import { loadFavouriteCount } from './postgres';
import type { FavouriteState } from './types';

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * How many customers favourited a restaurant: cached in Redis (lib/cache/read-through, so a refill
 * that read Postgres before a change is never served), its generation replaced after every change
 * (change.ts). A popular restaurant's clicks invalidate it often, but each costs the next reader one
 * primary-key read, and a page view reads no Postgres at all while it is cached.
 */
export async function readFavouriteCount(restaurantSlug: string): Promise<number | null> {
  const { value } = await readThrough({
    key: favouriteKeys.restaurantCount(restaurantSlug),
    ttlMs: FAVOURITE_COUNT_TTL_MS,
    isValue: isCount,
    load: () => loadFavouriteCount(getDb(), restaurantSlug),
  });
  return value;
}

/**
 * The heart on a menu page: the restaurant's count (cached, above) and whether this customer saved it
 * (their cached list). Parts that must come from Postgres wait at most OPTIONAL_READ_TIMEOUT_MS
 * (docs/decisions/014); null when either can't be read in time, and the page leaves the heart out, as
 * it does the views line.
 */
export async function readFavouriteState(restaurantSlug: string, customerId: number | null): Promise<FavouriteState | null> {
  const budget = getEnv().OPTIONAL_READ_TIMEOUT_MS;
  try {
    const [count, own] = await Promise.all([
      valueWithin(readFavouriteCount(restaurantSlug), budget),
      customerId === null ? null : valueWithin(readFavouriteSlugs(customerId), budget),
    ]);
    if (count === undefined || count === null || own === undefined) return null;
    return { count, favourited: own === null ? null : own.slugs.includes(restaurantSlug) };
  } catch (error) {
    log.warn('favourites unavailable', { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/**
 * Whether this customer saved the restaurant, without the count: what a shared menu page, which has
 * the count already, asks for after load. `favourited` null when nobody is signed in; null when their
 * list can't be read in time (the page then leaves the heart out). `entryRead`: their list's entry
 * already read (readFavouriteSlugs).
 */
export async function readOwnFavourite(
  restaurantSlug: string,
  customerId: number | null,
  entryRead?: EntryRead,
): Promise<{ favourited: boolean | null } | null> {
  if (customerId === null) return { favourited: null };
  try {
    const own = await valueWithin(readFavouriteSlugs(customerId, undefined, entryRead), getEnv().OPTIONAL_READ_TIMEOUT_MS);
    return own === undefined ? null : { favourited: own.slugs.includes(restaurantSlug) };
  } catch (error) {
    log.warn('favourites unavailable', { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
