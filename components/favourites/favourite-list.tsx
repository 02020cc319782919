import Link from 'next/link';

import type { FavouriteRestaurant } from '@/lib/favourites/types';

import { HeartIcon } from './heart-icon';

/** /account's "Your favourites": each saved restaurant, linking to its menu. */
export function FavouriteList({ restaurants }: { restaurants: FavouriteRestaurant[] }) {
  if (restaurants.length === 0) {
    return (
      <p className="mt-2 text-sm text-muted" data-testid="favourites-empty">
        No favourites yet. Tap the heart on a restaurant’s page to save it here.
      </p>
    );
  }
  return (
    <ul className="mt-3 divide-y divide-line rounded-2xl border border-line bg-white shadow-sm">
      {restaurants.map((restaurant) => (
        <li key={restaurant.slug} data-testid="account-favourite">
          <Link prefetch={false}
            href={`/${restaurant.city.slug}/${restaurant.slug}`}
            className="flex items-center justify-between gap-3 p-4 hover:bg-stone-50"
          >
            <span className="min-w-0">
              <span className="block truncate text-sm font-semibold text-ink">{restaurant.name}</span>
              <span className="block text-xs text-muted">
                {restaurant.area}, {restaurant.city.name}
              </span>
            </span>
            <HeartIcon filled className="size-4 text-nonveg" />
          </Link>
        </li>
      ))}
    </ul>
  );
}
