import 'server-only';

import type { Metadata } from 'next';

import { plural } from '@/lib/format';
import { normalizeQuery } from '@/lib/search/query';

import { getCityRestaurants, getRestaurantMenu } from './cached';
import { isSlug } from './slug';

/**
 * Titles and descriptions of the city and menu pages, for the per-request routes and the shared ones
 * (app/shared, docs/decisions/046) alike. Empty for an address that is not a page (the 404 says so).
 */

/** A city's page; a search (`searchText`) gets its own title and is never indexed. */
export async function cityPageMetadata(citySlug: string, searchText?: string): Promise<Metadata> {
  if (!isSlug(citySlug)) return {};
  const { value } = await getCityRestaurants(citySlug);
  if (!value) return {};
  const searched = normalizeQuery(searchText);
  return {
    // A search's own title, so the browser's history tells searches apart; never indexed as a page.
    ...(searched.ok ? { title: `“${searched.query}” in ${value.city.name}`, robots: { index: false } } : { title: `Restaurants in ${value.city.name}` }),
    description: `Order from ${plural(value.restaurants.length, 'restaurant')} in ${value.city.name}, ${value.city.state}.`,
  };
}

/** A restaurant's menu page, only under its own city's address. */
export async function menuPageMetadata(citySlug: string, restaurantSlug: string): Promise<Metadata> {
  if (!isSlug(restaurantSlug)) return {};
  const { value: menu } = await getRestaurantMenu(restaurantSlug);
  if (!menu || menu.restaurant.city.slug !== citySlug) return {};
  const { name, area, cuisines } = menu.restaurant;
  return {
    title: `${name}, ${area}`,
    description: `${cuisines.join(', ')} in ${area}, ${menu.restaurant.city.name}. See the full menu with prices.`,
  };
}
