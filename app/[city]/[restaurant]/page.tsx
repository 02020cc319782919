import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';

import { MenuPageBody } from '@/components/menu/menu-page-body';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { menuPageMetadata } from '@/lib/menus/page-metadata';
import { isCitySlug, isSlug } from '@/lib/menus/slug';
import { readMenuVisitor } from '@/lib/menus/visitor';

import { addItem, changeQuantity, saveFavourite } from './actions';

interface MenuPageProps {
  params: Promise<{ city: string; restaurant: string }>;
}

export async function generateMetadata({ params }: MenuPageProps): Promise<Metadata> {
  const { city, restaurant } = await params;
  return menuPageMetadata(city, restaurant);
}

/**
 * The menu page rendered for one visitor, with their cart and heart in the HTML: what a menu address
 * with a query gets (a city search's link to a dish), and every menu page while the page cache is
 * off. Without a query, the proxy sends visitors to the shared page instead (docs/decisions/046).
 */
export default async function MenuPage({ params }: MenuPageProps) {
  const { city, restaurant } = await params;
  // The layout has already turned unknown or misplaced restaurants into a 404; this narrows the types.
  if (!isCitySlug(city) || !isSlug(restaurant)) notFound();
  // The cart and the heart change with every visitor: never bake this page in at build or revalidate time.
  await connection();
  const { value: menu, cache } = await getRestaurantMenu(restaurant);
  if (!menu || menu.restaurant.city.slug !== city) notFound();
  const visitor = await readMenuVisitor(menu);

  const slug = menu.restaurant.slug;
  const path = `/${menu.restaurant.city.slug}/${slug}`;
  return (
    <MenuPageBody
      menu={menu}
      cache={cache}
      visitor={visitor}
      own
      saveFavourite={saveFavourite.bind(null, slug, path)}
      // Server actions bound to this restaurant: the client gets references only.
      ordering={{ add: addItem.bind(null, slug), change: changeQuantity.bind(null, slug), path }}
    />
  );
}
