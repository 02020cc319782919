import Link from 'next/link';

import { FilterChip } from '@/components/city/filter-chip';
import {
  type FilterChoices,
  hasActiveFilters,
  isSameCuisine,
  listingSearch,
  type ListingParams,
  type SortOption,
  TOP_RATED_MIN,
} from '@/lib/menus/listing';

const SORT_LABELS: Record<SortOption, string> = {
  relevance: 'Relevance',
  rating: 'Rating',
  delivery: 'Delivery time',
  cost: 'Cost: low to high',
};

/**
 * Filters and sort order for a city's restaurants. Every option is a link to the same page with
 * the search params changed, so it works without JavaScript and the state lives in the URL. Filter
 * chips say how many restaurants they lead to and only those leading somewhere are offered
 * (filterChoices in lib/menus/listing.ts).
 */
export function FilterBar({
  citySlug,
  params,
  choices,
}: {
  citySlug: string;
  params: ListingParams;
  choices: FilterChoices;
}) {
  const href = (next: ListingParams) => `/${citySlug}${listingSearch(next)}`;
  const withoutCuisine: ListingParams = { vegOnly: params.vegOnly, sort: params.sort, ...(params.topRated ? { topRated: true } : {}) };
  const withoutRating: ListingParams = { vegOnly: params.vegOnly, sort: params.sort, ...(params.cuisine ? { cuisine: params.cuisine } : {}) };
  // The selected cuisine comes first so it is in view on phones, where the row scrolls sideways.
  // One from the URL that no restaurant here serves still shows, so it can be turned off.
  const { cuisines } = choices;
  const selected = params.cuisine
    ? (cuisines.find((choice) => isSameCuisine(params.cuisine, choice.name)) ?? { name: params.cuisine, count: 0 })
    : undefined;
  const shownCuisines = selected
    ? [selected, ...cuisines.filter((choice) => !isSameCuisine(selected.name, choice.name))]
    : cuisines;

  return (
    <nav aria-label="Filter and sort restaurants" className="flex flex-col gap-3">
      <div className="-mx-4 -my-1 flex items-center gap-2 overflow-x-auto px-4 py-1 scrollbar-none sm:-mx-1 sm:flex-wrap sm:px-1">
        {params.vegOnly || choices.pureVeg > 0 ? (
          <>
            <FilterChip href={href({ ...params, vegOnly: !params.vegOnly })} active={params.vegOnly} removable>
              Pure Veg{params.vegOnly ? null : <ChipCount count={choices.pureVeg} />}
            </FilterChip>
          </>
        ) : null}
        {params.topRated || choices.topRated > 0 ? (
          <span data-testid="top-rated-chip" data-count={choices.topRated} className="contents">
            <FilterChip href={href(params.topRated ? withoutRating : { ...params, topRated: true })} active={params.topRated === true} removable>
              Rating {TOP_RATED_MIN.toFixed(1)}+{params.topRated ? null : <ChipCount count={choices.topRated} />}
            </FilterChip>
          </span>
        ) : null}
        {params.vegOnly || params.topRated || choices.pureVeg > 0 || choices.topRated > 0 ? (
          <span className="mx-1 h-6 w-px shrink-0 bg-line" aria-hidden="true" />
        ) : null}
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
            {shownCuisines.map(({ name, count }) => {
              const active = isSameCuisine(params.cuisine, name);
              return (
                <li key={name} data-testid="cuisine-chip" data-count={count}>
                  <FilterChip href={href(active ? withoutCuisine : { ...params, cuisine: name })} active={active} removable>
                    {name}
                    <ChipCount count={count} />
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

/** "(12)" after a chip's name; read as "12 restaurants" by screen readers. */
function ChipCount({ count }: { count: number }) {
  return (
    <span className="text-xs font-normal text-muted">
      <span aria-hidden="true">{count}</span>
      <span className="sr-only">, {count === 1 ? '1 restaurant' : `${count} restaurants`}</span>
    </span>
  );
}
