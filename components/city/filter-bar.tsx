import Link from 'next/link';

import { FilterChip } from '@/components/city/filter-chip';
import { hasActiveFilters, isSameCuisine, listingSearch, type ListingParams, type SortOption } from '@/lib/menus/listing';

const SORT_LABELS: Record<SortOption, string> = {
  relevance: 'Relevance',
  rating: 'Rating',
  delivery: 'Delivery time',
  cost: 'Cost: low to high',
};

/**
 * Filters and sort order for a city's restaurants. Every option is a link to the same page with
 * the search params changed, so it works without JavaScript and the state lives in the URL.
 */
export function FilterBar({
  citySlug,
  params,
  cuisines,
}: {
  citySlug: string;
  params: ListingParams;
  cuisines: string[];
}) {
  const href = (next: ListingParams) => `/${citySlug}${listingSearch(next)}`;
  const withoutCuisine: ListingParams = { vegOnly: params.vegOnly, sort: params.sort };
  // The selected cuisine comes first so it is in view on phones, where the row scrolls sideways.
  // One from the URL that no restaurant here serves still shows, so it can be turned off.
  const selected = params.cuisine
    ? (cuisines.find((cuisine) => isSameCuisine(params.cuisine, cuisine)) ?? params.cuisine)
    : undefined;
  const shownCuisines = selected
    ? [selected, ...cuisines.filter((cuisine) => !isSameCuisine(selected, cuisine))]
    : cuisines;

  return (
    <nav aria-label="Filter and sort restaurants" className="flex flex-col gap-3">
      <div className="-mx-4 -my-1 flex items-center gap-2 overflow-x-auto px-4 py-1 scrollbar-none sm:-mx-1 sm:flex-wrap sm:px-1">
        <FilterChip href={href({ ...params, vegOnly: !params.vegOnly })} active={params.vegOnly} removable>
          Pure Veg
        </FilterChip>
        <span className="mx-1 h-6 w-px shrink-0 bg-line" aria-hidden="true" />
        <span id="sort-label" className="shrink-0 text-sm text-muted">
          Sort by
        </span>
        <ul aria-labelledby="sort-label" className="flex gap-2">
          {(Object.keys(SORT_LABELS) as SortOption[]).map((sort) => (
            <li key={sort}>
              <FilterChip href={href({ ...params, sort })} active={params.sort === sort}>
                {SORT_LABELS[sort]}
              </FilterChip>
            </li>
          ))}
        </ul>
      </div>

      {shownCuisines.length > 0 ? (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <span id="cuisine-label" className="shrink-0 text-sm text-muted sm:pt-1.5">
            Cuisines
          </span>
          <ul
            aria-labelledby="cuisine-label"
            className="-mx-4 -my-1 flex gap-2 overflow-x-auto px-4 py-1 scrollbar-none sm:-mx-1 sm:flex-wrap sm:px-1"
          >
            {shownCuisines.map((cuisine) => {
              const active = isSameCuisine(params.cuisine, cuisine);
              return (
                <li key={cuisine}>
                  <FilterChip href={href(active ? withoutCuisine : { ...params, cuisine })} active={active} removable>
                    {cuisine}
                  </FilterChip>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      {hasActiveFilters(params) ? (
        <p>
          <Link
            href={`/${citySlug}`}
            prefetch={false}
            scroll={false}
            className="text-sm font-semibold text-brand-700 underline underline-offset-4 hover:text-brand-800"
          >
            Clear filters
          </Link>
        </p>
      ) : null}
    </nav>
  );
}
