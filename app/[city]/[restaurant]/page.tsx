import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';

import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { CacheBadge } from '@/components/ui/cache-badge';
import { Container } from '@/components/layout/container';
import { EmptyState } from '@/components/ui/empty-state';
import { MenuFilter } from '@/components/menu/menu-filter';
import { MenuList } from '@/components/menu/menu-list';
import { RestaurantHeader } from '@/components/menu/restaurant-header';
import { ScrollToDish } from '@/components/menu/scroll-to-dish';
import { CartBar } from '@/components/customer/cart-bar';
import { CartPanel } from '@/components/customer/cart-panel';
import { FavouriteCount } from '@/components/favourites/favourite-count';
import { FavouriteToggle } from '@/components/favourites/favourite-toggle';
import { ViewBeacon } from '@/components/menu/view-beacon';
import { WeeklyViews } from '@/components/menu/weekly-views';
import { priceCart, readCart } from '@/lib/cart/cart';
import { currentCartOwner } from '@/lib/cart/current';
import { readWeekFigure } from '@/lib/views/week-figure';
import { getCustomer } from '@/lib/customers/session';
import { readFavouriteState } from '@/lib/favourites/menu-state';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { isSlug } from '@/lib/menus/slug';

import { addItem, changeQuantity, saveFavourite } from './actions';

const NO_CART = { lines: [], totalPaise: 0, elsewhere: null };

/** This visitor's cart (a customer's, or a guest's) priced from the menu when it holds this restaurant's items; empty otherwise or when Redis can't say. */
async function cartFor(slug: string, menu: NonNullable<Awaited<ReturnType<typeof getRestaurantMenu>>['value']>) {
  try {
    const owner = await currentCartOwner();
    if (!owner) return NO_CART;
    const cart = await readCart(owner);
    if (cart.restaurant === slug) return { ...priceCart(cart, menu), elsewhere: null };
    if (cart.restaurant === null) return NO_CART;
    // Another restaurant's cart: the side cart says whose, with a link back to it.
    const { value: other } = await getRestaurantMenu(cart.restaurant);
    const elsewhere = other ? { name: other.restaurant.name, href: `/${other.restaurant.city.slug}/${other.restaurant.slug}` } : null;
    return { ...NO_CART, elsewhere };
  } catch {
    return NO_CART;
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
  const cart = await cartFor(info.slug, menu);
  const change = changeQuantity.bind(null, path);
  const ordering = {
    add: addItem.bind(null, info.slug),
    change,
    quantities: Object.fromEntries(cart.lines.map((line) => [line.itemId, line.quantity])),
    path,
  };
  const count = cart.lines.reduce((sum, line) => sum + line.quantity, 0);

  return (
    <Container width="narrow" className={`py-6 sm:py-8 lg:max-w-6xl ${count > 0 ? 'pb-28 lg:pb-8' : ''}`}>
      <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-8">
        <div className="min-w-0">
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
          {categories.length > 0 ? (
            <MenuFilter
              targetId="menu-dishes"
              total={categories.reduce((sum, category) => sum + category.items.length, 0)}
              vegToggle={!info.pureVeg}
            />
          ) : null}
          {categories.length > 0 ? (
            <div id="menu-dishes" className="mt-2">
              <MenuList categories={categories} orderable={info.isOpen} ordering={ordering} />
              <ScrollToDish />
            </div>
          ) : (
            <div className="mt-8">
              <EmptyState title="No menu yet">
                <p>{info.name} hasn&apos;t published its menu. Check back soon.</p>
              </EmptyState>
            </div>
          )}
        </div>
        <aside aria-label="Cart" className="hidden lg:block">
          <div className="sticky top-20 mt-12">
            <CartPanel lines={cart.lines} change={change} orderable={info.isOpen} elsewhere={cart.elsewhere} />
          </div>
        </aside>
      </div>
      <CartBar count={count} totalPaise={cart.totalPaise} />
    </Container>
  );
}
