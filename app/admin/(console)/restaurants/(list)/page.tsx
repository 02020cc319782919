import type { Metadata } from 'next';

import { PageHeader } from '@/components/admin/page-header';
import { RestaurantSearch } from '@/components/admin/restaurant-search';
import { RestaurantTable } from '@/components/admin/restaurant-table';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/admin';
import { plural } from '@/lib/format';
import { MAX_SEARCH_LENGTH } from '@/lib/menus/admin-queries';
import { getAdminCities, getCityRestaurantsForAdmin } from '@/lib/menus/admin-reads';
import { isSlug } from '@/lib/menus/slug';

export const metadata: Metadata = { title: 'Restaurants' };

export default async function AdminRestaurantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const [query, cities] = await Promise.all([searchParams, getAdminCities()]);
  const asked = typeof query.city === 'string' ? query.city : undefined;
  const citySlug = asked ?? cities[0]?.slug;
  const search = typeof query.q === 'string' ? query.q.trim().slice(0, MAX_SEARCH_LENGTH) : '';
  const result = citySlug && isSlug(citySlug) ? await getCityRestaurantsForAdmin(citySlug, search) : null;

  return (
    <>
      <PageHeader title="Restaurants">Pick a city, optionally search by name or cuisine, and open a restaurant to edit it.</PageHeader>
      <div className="mb-6">
        <RestaurantSearch cities={cities} city={result?.city.slug ?? citySlug} search={search} />
      </div>

      {!result ? (
        <EmptyState title="No such city">
          <p>Choose one of the cities in the list.</p>
        </EmptyState>
      ) : result.restaurants.length === 0 ? (
        <EmptyState title={search ? `Nothing matches “${search}” in ${result.city.name}` : `No restaurants in ${result.city.name} yet`}>
          <p>Try another name or cuisine, or another city.</p>
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-muted" aria-live="polite">
            {search ? `${plural(result.restaurants.length, 'restaurant')} matching “${search}” in ${result.city.name}` : `${plural(result.restaurants.length, 'restaurant')} in ${result.city.name}`}
          </p>
          <RestaurantTable rows={result.restaurants} citySlug={result.city.slug} caption={`Restaurants in ${result.city.name}`} />
        </>
      )}
    </>
  );
}
