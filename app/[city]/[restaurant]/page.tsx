import { randomBytes } from 'node:crypto';

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';

import { Breadcrumbs } from '@/components/breadcrumbs';
import { CacheBadge } from '@/components/cache-badge';
import { Container } from '@/components/container';
import { EmptyState } from '@/components/empty-state';
import { MenuList } from '@/components/menu-list';
import { RestaurantHeader } from '@/components/restaurant-header';
import { CartSummary } from '@/components/customer/cart-summary';
import { FavouriteCount } from '@/components/favourites/favourite-count';
import { FavouriteToggle } from '@/components/favourites/favourite-toggle';
import { ViewBeacon } from '@/components/view-beacon';
import { WeeklyViews } from '@/components/weekly-views';
import { priceCart, readCart } from '@/lib/cart/cart';
import { readWeekFigure } from '@/lib/counters/week-figure';
import { getCustomer } from '@/lib/customers/session';
import { readFavouriteState } from '@/lib/favourites/menu-state';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { isSlug } from '@/lib/menus/slug';

import { addItem, changeQuantity, checkout, saveFavourite } from './actions';

/** The signed-in customer's cart when it holds this restaurant's items; null otherwise or when Redis can't say. */
async function cartFor(slug: string, menu: NonNullable<Awaited<ReturnType<typeof getRestaurantMenu>>['value']>) {
  const customer = await getCustomer();
  if (!customer) return null;
  try {
    const cart = await readCart(customer.sessionHash);
    return cart.restaurant === slug ? priceCart(cart, menu) : null;
  } catch {
    return null;
  }
}

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
  // The views line and the heart change with every visitor: never bake this page in at build or revalidate time.
  await connection();
  // Separate from the menu's cached lookup (and its badge): per-request counts and this customer's heart.
  const [{ value: menu, cache }, views, favourite] = await Promise.all([
    getRestaurantMenu(restaurant),
    readWeekFigure(restaurant),
    getCustomer().then((customer) => readFavouriteState(restaurant, customer?.customerId ?? null)),
  ]);
  if (!menu || menu.restaurant.city.slug !== city) notFound();

  const { restaurant: info, categories } = menu;
  const path = `/${info.city.slug}/${info.slug}`;
  // Server actions bound to this restaurant (and, per item, in MenuItemRow): the client gets references only.
  const ordering = { add: addItem.bind(null, info.slug), path };
  const cart = await cartFor(info.slug, menu);

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
      {views === null && favourite === null ? null : (
        <div className="mt-3 flex flex-wrap items-center justify-between gap-3 px-1">
          {views === null ? <span /> : <WeeklyViews views={views} />}
          {favourite === null ? null : favourite.favourited === null ? (
            <FavouriteCount count={favourite.count} loginHref={`/login?next=${encodeURIComponent(path)}`} />
          ) : (
            <FavouriteToggle
              key={info.slug}
              favourited={favourite.favourited}
              count={favourite.count}
              restaurantName={info.name}
              action={saveFavourite.bind(null, info.slug, path)}
            />
          )}
        </div>
      )}
      <ViewBeacon restaurantSlug={info.slug} />
      {cart && cart.lines.length > 0 ? (
        <CartSummary
          lines={cart.lines}
          totalPaise={cart.totalPaise}
          change={changeQuantity.bind(null, path)}
          checkout={checkout.bind(null, path)}
          // New with every render: one form's submits (a double click) share it and place one order.
          idempotencyKey={randomBytes(16).toString('base64url')}
          orderable={info.isOpen}
        />
      ) : null}

      {categories.length > 0 ? (
        <div className="mt-6">
          <MenuList categories={categories} orderable={info.isOpen} ordering={ordering} />
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
