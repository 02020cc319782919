'use client';

import { RestaurantCard, type CardRestaurant } from '@/components/city/restaurant-card';

/**
 * Responsive card grid: one column on phones, up to four on wide screens. A client component for the
 * payload's sake, as the menu's list is (docs/decisions/024): the server still renders every card into
 * the HTML, but the RSC payload carries the restaurants as data instead of each card's element tree,
 * which more than doubled the city page's weight.
 */
export function RestaurantGrid({ restaurants, citySlug, label }: { restaurants: CardRestaurant[]; citySlug: string; label?: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-1 gap-x-6 gap-y-6 sm:gap-y-8 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
      {restaurants.map((restaurant) => (
        <li key={restaurant.slug}>
          <RestaurantCard restaurant={restaurant} citySlug={citySlug} />
        </li>
      ))}
    </ul>
  );
}
