import Link from 'next/link';
import type { ReactNode } from 'react';

export interface RankedRestaurant {
  slug: string;
  name: string;
  citySlug: string;
  cityName: string;
}

/** A dashboard ranking: position, the restaurant (linking to its editor), its city, and what it is ranked by. */
export function RankedRestaurants<T extends RankedRestaurant>({
  restaurants,
  measure,
  className,
  testId,
}: {
  restaurants: readonly T[];
  measure: (restaurant: T) => ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <ol className={`divide-y divide-line ${className ?? ''}`} data-testid={testId}>
      {restaurants.map((restaurant, index) => (
        <li key={restaurant.slug} className="flex items-center justify-between gap-3 py-2 text-sm">
          <span className="flex items-center gap-3">
            <span className="w-5 text-right font-semibold text-muted tabular-nums">{index + 1}</span>
            <Link prefetch={false} href={`/admin/restaurants/${restaurant.slug}`} className="font-semibold text-ink hover:text-brand-700">
              {restaurant.name}
            </Link>
            <span className="text-xs text-muted">{restaurant.cityName}</span>
          </span>
          <span className="font-semibold text-ink tabular-nums">{measure(restaurant)}</span>
        </li>
      ))}
    </ol>
  );
}
