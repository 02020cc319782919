import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { CityPageBody } from '@/components/city/city-page-body';
import { HomePageBody } from '@/components/city/home-page-body';
import { MenuPageBody } from '@/components/menu/menu-page-body';
import { readFavouriteState } from '@/lib/favourites/menu-state';
import { EMPTY_CART } from '@/lib/menus/empty-cart';
import { DEFAULT_LISTING } from '@/lib/menus/listing';
import { getCities, getCityRestaurants, getRestaurantMenu } from '@/lib/menus/cached';
import { cityPageMetadata, menuPageMetadata, NOT_FOUND_METADATA } from '@/lib/menus/page-metadata';
import { abandonRender, markRenderUncacheable } from '@/lib/page-cache/pending-renders';
import { pageOfSegments, sharedPathOf } from '@/lib/page-cache/paths';
import { readTrendingInCity } from '@/lib/views/trending-cache';

import { addItem, changeQuantity, saveFavourite } from '../../[city]/[restaurant]/actions';

/**
 * The shared pages: home, a city's restaurants and a menu as every visitor sees them (a menu's cart
 * and heart are each visitor's own, asked for after load: components/menu/menu-visitor.tsx). The
 * proxy rewrites every GET or HEAD of those addresses without a query here while the page cache is on
 * (lib/page-cache/rewrite.ts); Next renders each address once and serves it from the page cache until
 * something it shows changes. Nothing is rendered at build time, and nothing here reads the request.
 * docs/decisions/046.
 */
export function generateStaticParams(): { page: string[] }[] {
  return [];
}

/**
 * The pages read Redis, and over Upstash REST that is a `fetch` with `cache: 'no-store'`, which
 * would otherwise turn the route dynamic mid-render. Those reads are the render's own data, never
 * Next's to cache (no-store still holds), and this route reads nothing from the request anyway.
 */
export const dynamic = 'force-static';

interface SharedPageProps {
  params: Promise<{ page: string[] }>;
}

export async function generateMetadata({ params }: SharedPageProps): Promise<Metadata> {
  const page = pageOfSegments((await params).page);
  if (!page) return NOT_FOUND_METADATA;
  if (page.kind === 'city') return cityPageMetadata(page.city);
  if (page.kind === 'menu') return menuPageMetadata(page.city, page.restaurant);
  return {};
}

export default async function SharedPage({ params }: SharedPageProps) {
  const page = pageOfSegments((await params).page);
  if (!page) notFound();
  const path = sharedPathOf(page);
  // Typed as never-returning so TypeScript narrows after a call.
  const notFoundHere: () => never = () => {
    abandonRender(path);
    notFound();
  };
  const renderedAt = new Date();

  if (page.kind === 'home') {
    const { value: cities, cache } = await getCities();
    if (cache.status !== 'HIT') markRenderUncacheable(path);
    return <HomePageBody cities={cities} cache={cache} renderedAt={renderedAt} />;
  }

  if (page.kind === 'city') {
    const { value: data, cache } = await getCityRestaurants(page.city);
    if (!data) notFoundHere();
    const trending = await readTrendingInCity(data);
    if (cache.status !== 'HIT' || !trending.exact) markRenderUncacheable(path);
    return <CityPageBody data={data} cache={cache} renderedAt={renderedAt} trending={trending.restaurants} listing={DEFAULT_LISTING} />;
  }

  const [{ value: menu, cache }, favourite] = await Promise.all([getRestaurantMenu(page.restaurant), readFavouriteState(page.restaurant, null)]);
  if (!menu || menu.restaurant.city.slug !== page.city) notFoundHere();
  // Only a page drawn from warm entries with every part present is kept (lib/page-cache/handler.ts).
  if (cache.status !== 'HIT' || favourite === null) markRenderUncacheable(path);
  const publicPath = `/${page.city}/${page.restaurant}`;
  return (
    <MenuPageBody
      menu={menu}
      cache={cache}
      renderedAt={renderedAt}
      visitor={{ cart: EMPTY_CART, favourite }}
      own={false}
      saveFavourite={saveFavourite.bind(null, page.restaurant, publicPath)}
      ordering={{ add: addItem.bind(null, page.restaurant), change: changeQuantity.bind(null, page.restaurant), path: publicPath }}
    />
  );
}
