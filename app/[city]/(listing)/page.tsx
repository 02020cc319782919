import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { CacheBadge } from '@/components/ui/cache-badge';
import { Container } from '@/components/layout/container';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterBar } from '@/components/city/filter-bar';
import { RestaurantGrid } from '@/components/city/restaurant-grid';
import { CitySearchForm } from '@/components/search/city-search-form';
import { SearchProblem } from '@/components/search/search-problem';
import { SearchResults } from '@/components/search/search-results';
import { TrendingStrip } from '@/components/city/trending-strip';
import { trendingInCity } from '@/lib/views/trending-cache';
import { plural } from '@/lib/format';
import { getCityRestaurants } from '@/lib/menus/cached';
import { applyListing, filterChoices, parseListingParams, type SearchParamsRecord } from '@/lib/menus/listing';
import { isSlug } from '@/lib/menus/slug';
import { runPageSearch, searchTextOf } from '@/lib/search/page';
import { normalizeQuery } from '@/lib/search/query';

interface CityPageProps {
  params: Promise<{ city: string }>;
  searchParams: Promise<SearchParamsRecord>;
}

export async function generateMetadata({ params, searchParams }: CityPageProps): Promise<Metadata> {
  const [{ city }, query] = await Promise.all([params, searchParams]);
  if (!isSlug(city)) return {};
  const { value } = await getCityRestaurants(city);
  if (!value) return {};
  const searched = normalizeQuery(searchTextOf(query));
  return {
    // A search's own title, so the browser's history tells searches apart; never indexed as a page.
    ...(searched.ok ? { title: `“${searched.query}” in ${value.city.name}`, robots: { index: false } } : { title: `Restaurants in ${value.city.name}` }),
    description: `Order from ${plural(value.restaurants.length, 'restaurant')} in ${value.city.name}, ${value.city.state}.`,
  };
}

export default async function CityPage({ params, searchParams }: CityPageProps) {
  const { city } = await params;
  // The layout has already turned unknown cities into a 404; this only narrows the types.
  if (!isSlug(city)) notFound();
  const [{ value: data, cache }, query] = await Promise.all([getCityRestaurants(city), searchParams]);
  if (!data) notFound();
  const searchText = searchTextOf(query);
  const search = searchText === undefined ? undefined : await runPageSearch(city, searchText);
  if (search?.status === 'not-found') notFound();
  // Live, per request, and never cached with the listing; empty (so hidden) when Redis is away.
  const trending = search?.status === 'found' ? [] : await trendingInCity(data);

  const listing = parseListingParams(query);
  const restaurants = applyListing(data.restaurants, listing);
  const total = data.restaurants.length;
  const openNow = data.restaurants.filter((restaurant) => restaurant.isOpen).length;
  const filtered = listing.vegOnly || listing.cuisine !== undefined;

  return (
    <Container className="py-6 sm:py-8">
      <p className="mb-3 text-sm">
        <Link href="/" className="font-medium text-muted hover:text-brand-700">
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
        <CacheBadge cache={cache} />
      </div>

      <div className="mb-6">
        <CitySearchForm citySlug={data.city.slug} cityName={data.city.name} query={searchText ?? ''} />
        {search?.status === 'invalid' || search?.status === 'unavailable' ? (
          <div className="mt-3">
            <SearchProblem message={search.message} />
          </div>
        ) : null}
      </div>

      {search?.status === 'found' ? (
        <SearchResults results={search.results} query={searchText ?? ''} />
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
                {listing.vegOnly && listing.cuisine
                  ? 'Try another cuisine, or turn off Pure Veg.'
                  : listing.vegOnly
                    ? 'No Pure Veg restaurants here yet. Turn off Pure Veg to see the rest.'
                    : 'Nobody here serves that cuisine yet. Try another one.'}
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
                <Link href="/" className="font-semibold text-brand-700 underline underline-offset-4">
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
