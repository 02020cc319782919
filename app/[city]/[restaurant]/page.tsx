import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';

import { Breadcrumbs } from '@/components/breadcrumbs';
import { CacheBadge } from '@/components/cache-badge';
import { CategoryNav } from '@/components/category-nav';
import { Container } from '@/components/container';
import { EmptyState } from '@/components/empty-state';
import { MenuCategory } from '@/components/menu-category';
import { RestaurantHeader } from '@/components/restaurant-header';
import { ViewBeacon } from '@/components/view-beacon';
import { WeeklyViews } from '@/components/weekly-views';
import { readWeeklyViews } from '@/lib/counters/read-views';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { isSlug } from '@/lib/menus/slug';

interface MenuPageProps {
  params: Promise<{ city: string; restaurant: string }>;
}

export async function generateMetadata({ params }: MenuPageProps): Promise<Metadata> {
  const { city, restaurant } = await params;
  if (!isSlug(restaurant)) return {};
  const { value: menu } = await getRestaurantMenu(restaurant);
  if (!menu || menu.restaurant.city.slug !== city) return {};
  const { name, area, cuisines } = menu.restaurant;
  return {
    title: `${name}, ${area}`,
    description: `${cuisines.join(', ')} in ${area}, ${menu.restaurant.city.name}. See the full menu with prices.`,
  };
}

export default async function MenuPage({ params }: MenuPageProps) {
  const { city, restaurant } = await params;
  // The layout has already turned unknown or misplaced restaurants into a 404; this narrows the types.
  if (!isSlug(restaurant)) notFound();
  // The views line changes with every visitor: never bake this page in at build or revalidate time.
  await connection();
  // Separate from the menu's cached lookup (and its badge): per-request counts, Postgres plus live Redis.
  const [{ value: menu, cache }, views] = await Promise.all([getRestaurantMenu(restaurant), readWeeklyViews(restaurant)]);
  if (!menu || menu.restaurant.city.slug !== city) notFound();

  const { restaurant: info, categories } = menu;

  return (
    <Container width="narrow" className="py-6 sm:py-8">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <Breadcrumbs
          items={[
            { label: 'All cities', href: '/' },
            { label: info.city.name, href: `/${info.city.slug}` },
            { label: info.name },
          ]}
        />
        <CacheBadge cache={cache} />
      </div>

      <RestaurantHeader restaurant={info} />
      {views === null ? null : <WeeklyViews views={views} className="mt-3 px-1" />}
      <ViewBeacon restaurantSlug={info.slug} />

      {categories.length > 0 ? (
        <div className="mt-6">
          <CategoryNav categories={categories} />
          {categories.map((category, index) => (
            <MenuCategory key={index} category={category} index={index} orderable={info.isOpen} />
          ))}
        </div>
      ) : (
        <div className="mt-8">
          <EmptyState title="No menu yet">
            <p>{info.name} hasn&apos;t published its menu. Check back soon.</p>
          </EmptyState>
        </div>
      )}
    </Container>
  );
}
