import 'server-only';

import { cache } from 'react';

import { getDb } from '@/db/client';
import { cacheTtlMs, keys } from '@/lib/cache/keys';
import { entryKeys, readThrough, type EntryRead, type ReadThroughSpec } from '@/lib/cache/read-through';
import { readThroughJson } from '@/lib/cache/read-through-json';
import type { Cached } from '@/lib/cache/types';

import { loadCities, loadCityRestaurants, loadRestaurantMenu } from './queries';
import { slugSchema } from './slug';
import type { CityRestaurants, CitySummary, RestaurantMenu } from './types';

/**
 * The menu reads every page and API route goes through: Redis first, Postgres on a miss.
 * React's cache() makes a layout and its page share one lookup within a request.
 * Callers validate slugs first (and answer 400/404 themselves); a bad slug here is a bug.
 */

export const getCities = cache(
  async (): Promise<Cached<CitySummary[]>> => {
    const result = await readThrough({ key: keys.cities(), ttlMs: cacheTtlMs(), load: () => loadCities(getDb()) });
    return { value: result.value ?? [], cache: result.cache };
  },
);

export const getCityRestaurants = cache(
  async (citySlug: string): Promise<Cached<CityRestaurants | null>> => {
    const slug = slugSchema.parse(citySlug);
    return readThrough({
      key: keys.cityRestaurants(slug),
      ttlMs: cacheTtlMs(),
      load: () => loadCityRestaurants(getDb(), slug),
    });
  },
);

/** One entry for the pages' menu and the API's JSON text: both read it through this spec. */
function menuSpec(restaurantSlug: string): ReadThroughSpec<RestaurantMenu> {
  const slug = slugSchema.parse(restaurantSlug);
  return { key: keys.restaurantMenu(slug), ttlMs: cacheTtlMs(), load: () => loadRestaurantMenu(getDb(), slug) };
}

export const getRestaurantMenu = cache(
  async (restaurantSlug: string): Promise<Cached<RestaurantMenu | null>> => readThrough(menuSpec(restaurantSlug)),
);

/** The keys a menu read asks for, in its order: for a caller that reads them within a wider MGET. */
export function menuEntryKeys(restaurantSlug: string): [string, string] {
  return entryKeys(menuSpec(restaurantSlug).key);
}

/** getRestaurantMenu with its entry already read (menuEntryKeys' keys, decision 078). Not memoized. */
export async function readRestaurantMenuFrom(restaurantSlug: string, entryRead: EntryRead): Promise<Cached<RestaurantMenu | null>> {
  return readThrough(menuSpec(restaurantSlug), entryRead);
}

/** The menu as the API answers it: its JSON text, straight from Redis on a HIT (read-through-json.ts). */
export async function getRestaurantMenuJson(restaurantSlug: string): Promise<Cached<string | null>> {
  return readThroughJson(menuSpec(restaurantSlug));
}
