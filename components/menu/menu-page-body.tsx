import type { ComponentProps } from 'react';

import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { CacheBadge } from '@/components/ui/cache-badge';
import { Container } from '@/components/layout/container';
import { EmptyState } from '@/components/ui/empty-state';
import { MenuCartBar, MenuCartPanel, type MenuOrdering } from '@/components/menu/menu-cart';
import { MenuFilter } from '@/components/menu/menu-filter';
import { MenuHeart } from '@/components/menu/menu-heart';
import { MenuList } from '@/components/menu/menu-list';
import { MenuVisitorProvider } from '@/components/menu/menu-visitor';
import { RestaurantHeader } from '@/components/menu/restaurant-header';
import { ScrollToDish } from '@/components/menu/scroll-to-dish';
import { ViewBeacon } from '@/components/menu/view-beacon';
import type { CacheOutcome } from '@/lib/cache/types';
import { signInToSaveHref } from '@/lib/favourites/sign-in-intent';
import type { MenuVisitor, RestaurantMenu } from '@/lib/menus/types';

/**
 * A restaurant's menu page, as one visitor sees it (app/[city]/[restaurant], `own`) or as every
 * visitor does (app/shared/…, docs/decisions/046), whose cart and heart this visitor's browser then
 * asks for (components/menu/menu-visitor.tsx): the routes read, this draws.
 */
export function MenuPageBody({
  menu,
  cache,
  renderedAt,
  visitor,
  own,
  saveFavourite,
  ordering,
}: {
  menu: RestaurantMenu;
  cache: CacheOutcome;
  /** Set on a shared page, which is served from the page cache after it was rendered. */
  renderedAt?: Date;
  visitor: MenuVisitor;
  own: boolean;
  saveFavourite: ComponentProps<typeof MenuHeart>['action'];
  ordering: MenuOrdering;
}) {
  const { restaurant: info, categories } = menu;
  // The cart's bill is the restaurant's fees and offer applied as checkout applies them (lib/orders/bill.ts).
  const pricing = { deliveryFeePaise: info.deliveryFeePaise, packagingFeePaise: info.packagingFeePaise, offer: info.offer };
  return (
    <MenuVisitorProvider slug={info.slug} initial={visitor} own={own}>
      <Container width="narrow" className="py-6 sm:py-8 lg:max-w-6xl">
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
              <MenuHeart
                restaurantSlug={info.slug}
                restaurantName={info.name}
                loginHref={signInToSaveHref(ordering.path)}
                action={saveFavourite}
              />
            </div>
            {categories.length > 0 ? (
              <>
                {/* What needs the page's script is not shown without it (`noscript:` in those components): say why.
                    The same media query as theirs, not <noscript>, so the note shows exactly when they are hidden. */}
                <p className="mt-6 hidden rounded-xl border border-line bg-white px-4 py-3 text-sm text-ink noscript:block">
                  {info.isOpen ? 'Turn on JavaScript to add dishes to your cart and to search this menu.' : 'Turn on JavaScript to search this menu.'}
                </p>
                <MenuFilter
                  targetId="menu-dishes"
                  total={categories.reduce((sum, category) => sum + category.items.length, 0)}
                  vegToggle={!info.pureVeg}
                />
              </>
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
              <MenuCartPanel orderable={info.isOpen} ordering={ordering} pricing={pricing} />
            </div>
          </aside>
        </div>
        <MenuCartBar orderable={info.isOpen} ordering={ordering} pricing={pricing} />
      </Container>
    </MenuVisitorProvider>
  );
}
