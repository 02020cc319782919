import 'server-only';

import { cacheTtlMs, generationKey, keys } from '@/lib/cache/keys';
import { favouriteKeys, FAVOURITE_COUNT_TTL_MS } from '@/lib/favourites/keys';
import { msToNextHour } from '@/lib/views/buckets';
import { figureKeys } from '@/lib/views/keys';

import { PAGE_TTL_MS } from './keys';
import type { SharedPage } from './paths';

/**
 * What a shared page was rendered from, as Redis keys whose values change whenever the page would:
 * the generation of every cached entry it reads (replaced after each save, each counted view, each
 * favourite: lib/cache/read-through.ts) and the city's trending version (an INCR per counted view).
 * A stored page is served only while all of them still hold the values read before it was rendered,
 * so it is never older than the data a per-request render would show, on any instance, whoever
 * changed the data (an admin's save, the worker, another instance). docs/decisions/046.
 */
export interface PageDependencies {
  keys: string[];
  /**
   * Per key, how long after a page was stored a change of that key alone may still serve it (0: never).
   * Only trending's version, which moves with every counted view in the city: a city page may show
   * trending up to TRENDING_GRACE_MS old instead of rendering again for each view. Never a save.
   */
  graceMs: number[];
  /** How long the page may be kept: no longer than the shortest lifetime of what it shows. */
  ttlMs: number;
}

/** How old trending may be on a shared city page (see graceMs). */
export const TRENDING_GRACE_MS = 10_000;

export function dependenciesOf(page: SharedPage, now: Date = new Date()): PageDependencies {
  switch (page.kind) {
    case 'home':
      return { keys: [generationKey(keys.cities())], graceMs: [0], ttlMs: Math.min(PAGE_TTL_MS, cacheTtlMs()) };
    case 'city':
      return {
        keys: [generationKey(keys.cityRestaurants(page.city)), figureKeys.trendingVersion(page.city)],
        graceMs: [0, TRENDING_GRACE_MS],
        // Trending's 24-hour window moves on the hour, with no write to say so.
        ttlMs: Math.min(PAGE_TTL_MS, cacheTtlMs(), msToNextHour(now)),
      };
    case 'menu':
      return {
        keys: [
          generationKey(keys.cityRestaurants(page.city)),
          generationKey(keys.restaurantMenu(page.restaurant)),
          generationKey(favouriteKeys.restaurantCount(page.restaurant)),
        ],
        graceMs: [0, 0, 0],
        // The favourite count's entry lives this long (it bounds a lost invalidation there).
        ttlMs: Math.min(PAGE_TTL_MS, cacheTtlMs(), FAVOURITE_COUNT_TTL_MS),
      };
  }
}

