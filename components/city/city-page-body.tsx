import Link from 'next/link';

import { CacheBadge } from '@/components/ui/cache-badge';
import { Container } from '@/components/layout/container';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterBar } from '@/components/city/filter-bar';
import { RestaurantGrid } from '@/components/city/restaurant-grid';
import { CitySearchForm } from '@/components/search/city-search-form';
import { SearchProblem } from '@/components/search/search-problem';
import type { SearchOrdering } from '@/components/search/dish-hit-add';
import { SearchResults } from '@/components/search/search-results';
import { TrendingStrip } from '@/components/city/trending-strip';
import type { CacheOutcome } from '@/lib/cache/types';
import { plural } from '@/lib/format';
import { applyListing, emptyListingAdvice, filterChoices, type ListingParams } from '@/lib/menus/listing';
import type { CityRestaurants } from '@/lib/menus/types';
import type { PageSearchOutcome } from '@/lib/search/page';
import type { TrendingRestaurant } from '@/lib/views/trending';

/**
 * A city's restaurants page, for one request (app/[city]/(listing), with its filters and search) or
 * shared by every visitor without a session or a cart (app/shared/…, docs/decisions/046).
 */
export function CityPageBody({
  data,
  cache,
  renderedAt,
  trending,
  listing,
  search,
  searchText,
  ordering,
}: {
  data: CityRestaurants;
  cache: CacheOutcome;
  /** Set on a shared page, which is served from the page cache after it was rendered. */
  renderedAt?: Date;
  trending: TrendingRestaurant[];
  listing: ListingParams;
  search?: PageSearchOutcome;
  searchText?: string;
  /** The cart actions a search's dishes add through (ADD beside each orderable dish). */
  ordering?: SearchOrdering;
}) {
  const restaurants = applyListing(data.restaurants, listing);
  const total = data.restaurants.length;
  const openNow = data.restaurants.filter((restaurant) => restaurant.isOpen).length;
  // Filters, not the sort: a sorted page still shows every restaurant.
  const filtered = listing.vegOnly || listing.topRated === true || listing.cuisine !== undefined;

  return (
    <Container className="py-6 sm:py-8">
      <p className="mb-3 text-sm">
        <Link prefetch={false} href="/" className="font-medium text-muted hover:text-brand-700">
          <span aria-hidden="true">← </span>All cities
        </Link>
      </p>

      <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Restaurants in {data.city.name}</h1>
          <p className="mt-1 text-sm text-muted" aria-live="polite">
            {filtered ? `Showing ${restaurants.length} of ${plural(total, 'restaurant')}` : plural(total, 'restaurant')}
            {' · '}
            {openNow} open now
          </p>
        </div>
        <CacheBadge cache={cache} renderedAt={renderedAt} />
      </div>

      <div className="mb-6">
        <CitySearchForm citySlug={data.city.slug} cityName={data.city.name} query={searchText ?? ''} />
        {search?.status === 'invalid' || search?.status === 'unavailable' || search?.status === 'rate-limited' ? (
          <div className="mt-3">
            <SearchProblem message={search.message} />
          </div>
        ) : null}
      </div>

      {search?.status === 'found' ? (
        <SearchResults results={search.results} query={searchText ?? ''} ordering={ordering} />
      ) : (
        <>
          <TrendingStrip
            cityName={data.city.name}
            citySlug={data.city.slug}
            items={trending.map(({ restaurant, views }) => ({ slug: restaurant.slug, name: restaurant.name, views }))}
          />

          {total > 0 ? (
            <div className="mb-8 border-b border-line pb-5">
              <FilterBar citySlug={data.city.slug} params={listing} choices={filterChoices(data.restaurants, listing)} />
            </div>
          ) : null}

          {restaurants.length > 0 ? (
            <RestaurantGrid label={`Restaurants in ${data.city.name}`} restaurants={restaurants} citySlug={data.city.slug} />
          ) : total > 0 ? (
            <EmptyState title="No restaurants match these filters">
              <p>
                {emptyListingAdvice(listing)}
              </p>
              <p className="mt-4">
                <Link
                  href={`/${data.city.slug}`}
                  prefetch={false}
                  className="inline-block rounded-full bg-brand-700 px-5 py-2 text-sm font-semibold text-white hover:bg-brand-800"
                >
                  Clear filters
                </Link>
              </p>
            </EmptyState>
          ) : (
            <EmptyState title={`No restaurants in ${data.city.name} yet`}>
              <p>We are still signing up kitchens here. Pick another city for now.</p>
              <p className="mt-4">
                <Link prefetch={false} href="/" className="font-semibold text-brand-700 underline underline-offset-4">
                  See all cities
                </Link>
              </p>
            </EmptyState>
          )}
        </>
      )}
    </Container>
  );
}
