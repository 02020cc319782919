import 'server-only';

import type { Metadata } from 'next';

import { plural } from '@/lib/format';
import { normalizeQuery } from '@/lib/search/query';

import { getCityRestaurants, getRestaurantMenu } from './cached';
import { isCitySlug, isSlug } from './slug';

/**
 * Titles and descriptions of the city and menu pages, for the per-request routes and the shared ones
 * (app/shared, docs/decisions/046) alike.
 */

/**
 * An address that is not a page: the 404's own title. Next streams a page's metadata into the head
 * after its HTML, so an empty answer here replaced app/not-found.tsx's "Page not found" with the
 * site's default title once the page loaded (a tab, and a screen reader, said the home page's title).
 */
export const NOT_FOUND_METADATA: Metadata = { title: 'Page not found', robots: { index: false } };

/** A city's page; a search (`searchText`) gets its own title and is never indexed. */
export async function cityPageMetadata(citySlug: string, searchText?: string): Promise<Metadata> {
  if (!isCitySlug(citySlug)) return NOT_FOUND_METADATA;
  const { value } = await getCityRestaurants(citySlug);
  if (!value) return NOT_FOUND_METADATA;
  const searched = normalizeQuery(searchText);
  return {
    // A search's own title, so the browser's history tells searches apart; never indexed as a page.
    ...(searched.ok ? { title: `“${searched.query}” in ${value.city.name}`, robots: { index: false } } : { title: `Restaurants in ${value.city.name}` }),
    description: `Order from ${plural(value.restaurants.length, 'restaurant')} in ${value.city.name}, ${value.city.state}.`,
  };
}

/** A restaurant's menu page, only under its own city's address. */
export async function menuPageMetadata(citySlug: string, restaurantSlug: string): Promise<Metadata> {
  if (!isCitySlug(citySlug) || !isSlug(restaurantSlug)) return NOT_FOUND_METADATA;
  const { value: menu } = await getRestaurantMenu(restaurantSlug);
  if (!menu || menu.restaurant.city.slug !== citySlug) return NOT_FOUND_METADATA;
  const { name, area, cuisines } = menu.restaurant;
  return {
    title: `${name}, ${area}`,
    description: `${cuisines.join(', ')} in ${area}, ${menu.restaurant.city.name}. See the full menu with prices.`,
  };
}
