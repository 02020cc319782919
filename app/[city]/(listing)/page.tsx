import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';

import { CityPageBody } from '@/components/city/city-page-body';
import { trendingInCity } from '@/lib/views/trending-cache';
import { getCityRestaurants } from '@/lib/menus/cached';
import { cityPageMetadata } from '@/lib/menus/page-metadata';
import { parseListingParams, type SearchParamsRecord } from '@/lib/menus/listing';
import { isCitySlug } from '@/lib/menus/slug';
import { clientIdentity } from '@/lib/ratelimit/client-identity';
import { runPageSearch } from '@/lib/search/page';
import { searchTextOf } from '@/lib/search/query';

import { addItem, changeQuantity } from '../[restaurant]/actions';

interface CityPageProps {
  params: Promise<{ city: string }>;
  searchParams: Promise<SearchParamsRecord>;
}

export async function generateMetadata({ params, searchParams }: CityPageProps): Promise<Metadata> {
  const [{ city }, query] = await Promise.all([params, searchParams]);
  return cityPageMetadata(city, searchTextOf(query));
}

export default async function CityPage({ params, searchParams }: CityPageProps) {
  const { city } = await params;
  // The layout has already turned unknown cities into a 404; this only narrows the types.
  if (!isCitySlug(city)) notFound();
  const [{ value: data, cache }, query] = await Promise.all([getCityRestaurants(city), searchParams]);
  if (!data) notFound();
  const searchText = searchTextOf(query);
  // Only a page with ?q= reads the request's headers (it renders per request anyway, never shared).
  const search = searchText === undefined ? undefined : await runPageSearch(city, searchText, clientIdentity(await headers()));
  if (search?.status === 'not-found') notFound();
  // Live, per request, and never cached with the listing; empty (so hidden) when Redis is away.
  const trending = search?.status === 'found' ? [] : await trendingInCity(data);

  return (
    <CityPageBody
      data={data}
      cache={cache}
      trending={trending}
      listing={parseListingParams(query)}
      search={search}
      searchText={searchText}
      // A search's dishes add to the cart as on their menu (the menu page's actions); sign-in returns to the search.
      ordering={searchText === undefined ? undefined : { add: addItem, change: changeQuantity, path: `/${city}?q=${encodeURIComponent(searchText)}` }}
    />
  );
}
