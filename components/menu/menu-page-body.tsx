import type { ComponentProps } from 'react';

import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { CacheBadge } from '@/components/ui/cache-badge';
import { Container } from '@/components/layout/container';
import { EmptyState } from '@/components/ui/empty-state';
import { MenuFilter } from '@/components/menu/menu-filter';
import { MenuList } from '@/components/menu/menu-list';
import { RestaurantHeader } from '@/components/menu/restaurant-header';
import { ScrollToDish } from '@/components/menu/scroll-to-dish';
import { CartBar } from '@/components/customer/cart-bar';
import { CartPanel, type CartLine } from '@/components/customer/cart-panel';
import { FavouriteCount } from '@/components/favourites/favourite-count';
import { FavouriteToggle } from '@/components/favourites/favourite-toggle';
import { ViewBeacon } from '@/components/menu/view-beacon';
import type { CacheOutcome } from '@/lib/cache/types';
import type { FavouriteState } from '@/lib/favourites/types';
import type { RestaurantMenu } from '@/lib/menus/types';

/** The cart of a visitor who has none here: nothing in it, nowhere else either. */
export const EMPTY_CART = { lines: [], totalPaise: 0, elsewhere: null };

/**
 * A restaurant's menu page, as one visitor sees it (app/[city]/[restaurant]) or as every visitor
 * without a session or a cart does (app/shared/…, docs/decisions/046): the routes read, this draws.
 */
export function MenuPageBody({
  menu,
  cache,
  renderedAt,
  favourite,
  saveFavourite,
  cart,
  change,
  ordering,
}: {
  menu: RestaurantMenu;
  cache: CacheOutcome;
  /** Set on a shared page, which is served from the page cache after it was rendered. */
  renderedAt?: Date;
  favourite: FavouriteState | null;
  saveFavourite: ComponentProps<typeof FavouriteToggle>['action'];
  cart: { lines: CartLine[]; totalPaise: number; elsewhere: { name: string; href: string } | null };
  change: ComponentProps<typeof CartPanel>['change'];
  ordering: ComponentProps<typeof MenuList>['ordering'];
}) {
  const { restaurant: info, categories } = menu;
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
            <CacheBadge cache={cache} renderedAt={renderedAt} />
          </div>

          <RestaurantHeader restaurant={info} />
          <div className="mt-3 flex min-h-8 flex-wrap items-center justify-between gap-3 px-1">
            {/* The week's views come with the beacon's answer: each visitor's own, never in a shared page. */}
            <ViewBeacon restaurantSlug={info.slug} />
            {favourite === null ? null : favourite.favourited === null ? (
              <FavouriteCount count={favourite.count} loginHref={`/login?next=${encodeURIComponent(ordering.path)}`} />
            ) : (
              <FavouriteToggle
                key={info.slug}
                favourited={favourite.favourited}
                count={favourite.count}
                restaurantName={info.name}
                action={saveFavourite}
              />
            )}
          </div>
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
