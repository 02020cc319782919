import Link from 'next/link';

import { EmptyState } from '@/components/ui/empty-state';
import { RestaurantGrid } from '@/components/city/restaurant-grid';
import type { SearchOrdering } from '@/components/search/dish-hit-add';
import { DishHitRow } from '@/components/search/dish-hit-row';
import { plural } from '@/lib/format';
import { MAX_DISH_HITS, MAX_RESTAURANT_HITS } from '@/lib/search/limits';
import type { SearchResults as Results } from '@/lib/search/types';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What a city search found, restaurants then dishes, each best first; or a way out when nothing matched. */
export function SearchResults({ results, query, ordering }: { results: Results; query: string; ordering?: SearchOrdering }) {
  const { city, restaurants, dishes } = results;
  // A list as long as the search answers may have been cut short: "the top 40 dishes", not "40 dishes"
  // (75 paneer dishes in Bengaluru were summed up as 40).
  const full = restaurants.length >= MAX_RESTAURANT_HITS || dishes.length >= MAX_DISH_HITS;
  const count = (length: number, max: number, singular: string, pluralForm?: string) =>
    length >= max ? `the top ${plural(length, singular, pluralForm)}` : plural(length, singular, pluralForm);
  // Only the kinds found: "3 dishes", not "0 restaurants and 3 dishes", which led with a miss.
  const found = [
    restaurants.length > 0 ? count(restaurants.length, MAX_RESTAURANT_HITS, 'restaurant') : null,
    dishes.length > 0 ? count(dishes.length, MAX_DISH_HITS, 'dish', 'dishes') : null,
  ].filter((part) => part !== null);
  const summary = found.length === 0 ? `Nothing found for “${query}”` : `${capitalise(found.join(' and '))} for “${query}”`;
  return (
    <section aria-labelledby="search-results-heading" data-testid="search-results">
      <div className="mb-5 flex flex-wrap items-baseline justify-between gap-2">
        {/* Announced when a search changes it, and still a heading: role="status" on the h2 itself took its
            heading role away (axe: aria-allowed-role, heading-order), so heading navigation skipped it. */}
        <div role="status">
          <h2 id="search-results-heading" className="text-lg font-bold text-ink">
            {summary}
          </h2>
        </div>
        <Link prefetch={false} href={`/${city.slug}`} className="text-sm font-semibold text-brand-700 underline underline-offset-4 hover:text-brand-800">
          Clear search
        </Link>
      </div>
      {full ? (
        <p data-testid="search-more" className="-mt-3 mb-5 text-sm text-muted">
          More match than are shown: add a word (a dish, a restaurant or an area) to narrow it down.
        </p>
      ) : null}

      {restaurants.length + dishes.length === 0 ? (
        <EmptyState title={`No restaurant or dish in ${city.name} matches “${query}”`}>
          <p>Check the spelling, try fewer words, or search for a dish (“biryani”) or a cuisine (“South Indian”).</p>
        </EmptyState>
      ) : null}

      {restaurants.length > 0 ? (
        <div className="mb-8">
          <h3 className="mb-3 text-base font-bold text-ink">Restaurants</h3>
          <RestaurantGrid label={`Restaurants matching “${query}”`} restaurants={restaurants} citySlug={city.slug} />
        </div>
      ) : null}

      {dishes.length > 0 ? (
        <div>
          <h3 className="mb-1 text-base font-bold text-ink">Dishes</h3>
          <ul aria-label={`Dishes matching “${query}”`} className="grid grid-cols-1 divide-y divide-line sm:grid-cols-2 sm:gap-x-8 sm:divide-y-0">
            {dishes.map((dish) => (
              <DishHitRow key={dish.id} dish={dish} citySlug={city.slug} ordering={ordering} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
