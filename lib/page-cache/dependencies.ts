import 'server-only';

import { cacheTtlMs, generationKey, keys } from '@/lib/cache/keys';
import { favouriteKeys, FAVOURITE_COUNT_TTL_MS } from '@/lib/favourites/keys';
import { msToNextHour } from '@/lib/views/buckets';
import { figureKeys, VIEWS_WEEK_TTL_MS } from '@/lib/views/keys';

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
  /** How long the page may be kept: no longer than the shortest lifetime of what it shows. */
  ttlMs: number;
}

export function dependenciesOf(page: SharedPage, now: Date = new Date()): PageDependencies {
  switch (page.kind) {
    case 'home':
      return { keys: [generationKey(keys.cities())], ttlMs: Math.min(PAGE_TTL_MS, cacheTtlMs()) };
    case 'city':
      return {
        keys: [generationKey(keys.cityRestaurants(page.city)), figureKeys.trendingVersion(page.city)],
        // Trending's 24-hour window moves on the hour, with no write to say so.
        ttlMs: Math.min(PAGE_TTL_MS, cacheTtlMs(), msToNextHour(now)),
      };
    case 'menu':
      return {
        keys: [
          generationKey(keys.cityRestaurants(page.city)),
          generationKey(keys.restaurantMenu(page.restaurant)),
          generationKey(figureKeys.viewsWeek(page.restaurant)),
          generationKey(favouriteKeys.restaurantCount(page.restaurant)),
        ],
        // The views figure's day window moves without a write; its own entry lives this long.
        ttlMs: Math.min(PAGE_TTL_MS, cacheTtlMs(), VIEWS_WEEK_TTL_MS, FAVOURITE_COUNT_TTL_MS),
      };
  }
}

