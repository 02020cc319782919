import 'server-only';

import { getDb } from '@/db/client';
import { log } from '@/lib/log';

import { readFavouriteSlugs } from './cache';
import { loadFavouriteCount } from './postgres';
import type { FavouriteState } from './types';

/**
 * The heart on a menu page. The count comes from Postgres on every request (one primary-key read, as
 * exact as the last commit): a cached count would be invalidated by every click on a popular
 * restaurant, just when it is read most. Whether this customer saved it comes from their cached list.
 * Null when it can't be read (the page then leaves the heart out, as it does the views line).
 */
export async function readFavouriteState(restaurantSlug: string, customerId: number | null): Promise<FavouriteState | null> {
  try {
    const [count, own] = await Promise.all([
      loadFavouriteCount(getDb(), restaurantSlug),
      customerId === null ? null : readFavouriteSlugs(customerId),
    ]);
    if (count === null) return null;
    return { count, favourited: own === null ? null : own.slugs.includes(restaurantSlug) };
  } catch (error) {
    log.warn('favourites unavailable', { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
