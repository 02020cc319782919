import 'server-only';

import type { Cached } from '@/lib/cache/types';
import type { CitySummary, CityRestaurants, RestaurantMenu } from '@/lib/menus/types';

// STUB: signatures only; the cache-aside implementation lands next.
export async function getCities(): Promise<Cached<CitySummary[]>> {
  throw new Error('not implemented');
}
export async function getCityRestaurants(citySlug: string): Promise<Cached<CityRestaurants | null>> {
  throw new Error(`not implemented ${citySlug}`);
}
export async function getRestaurantMenu(restaurantSlug: string): Promise<Cached<RestaurantMenu | null>> {
  throw new Error(`not implemented ${restaurantSlug}`);
}
