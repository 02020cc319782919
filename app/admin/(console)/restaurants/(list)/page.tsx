import type { Metadata } from 'next';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { PageHeader } from '@/components/admin/page-header';
import { ALL_CITIES, RestaurantSearch } from '@/components/admin/restaurant-search';
import { RestaurantTable } from '@/components/admin/restaurant-table';
import { EmptyState } from '@/components/ui/empty-state';
import { adminPagePath, requireAdmin } from '@/lib/auth/admin';
import { plural } from '@/lib/format';
import { MAX_SEARCH_LENGTH } from '@/lib/menus/admin-queries';
import { getAdminCities, getCityRestaurantsForAdmin } from '@/lib/menus/admin-reads';
import { isSlug } from '@/lib/menus/slug';

export const metadata: Metadata = { title: 'Restaurants' };

/**
 * Every city by default, so a search by name finds a restaurant wherever it is ("Tehzeeb" from
 * Ahmedabad); picking a city narrows the list to it.
 */
export default async function AdminRestaurantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  if (!admin) return <AdminSessionUnavailable retryHref={await adminPagePath()} />;
  const [query, cities] = await Promise.all([searchParams, getAdminCities()]);
  const asked = typeof query.city === 'string' && query.city !== ALL_CITIES && query.city !== '' ? query.city : null;
  const search = typeof query.q === 'string' ? query.q.trim().slice(0, MAX_SEARCH_LENGTH) : '';
  const result = asked === null ? await getCityRestaurantsForAdmin(null, search) : isSlug(asked) ? await getCityRestaurantsForAdmin(asked, search) : null;
  const where = result?.city ? `in ${result.city.name}` : 'in all cities';

  return (
    <>
      <PageHeader title="Restaurants">Search by name or cuisine in every city or one, and open a restaurant to edit it.</PageHeader>
      <div className="mb-6">
        <RestaurantSearch cities={cities} city={result?.city?.slug ?? asked ?? ALL_CITIES} search={search} />
      </div>

      {!result ? (
        <EmptyState title="No such city">
          <p>Choose one of the cities in the list.</p>
        </EmptyState>
      ) : result.restaurants.length === 0 ? (
        <EmptyState title={search ? `Nothing matches “${search}” ${where}` : `No restaurants ${where} yet`}>
          <p>Try another name or cuisine, or another city.</p>
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-muted" aria-live="polite">
            {search
              ? `${plural(result.restaurants.length, 'restaurant')} matching “${search}” ${where}`
              : `${plural(result.restaurants.length, 'restaurant')} ${where}`}
          </p>
          <RestaurantTable rows={result.restaurants} showCity={result.city === null} caption={`Restaurants ${where}`} />
        </>
      )}
    </>
  );
}
