import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';

import { EMPTY_CART, MenuPageBody } from '@/components/menu/menu-page-body';
import { priceCart, readCart } from '@/lib/cart/cart';
import { currentCartOwner } from '@/lib/cart/current';
import { getCustomer } from '@/lib/customers/session';
import { readFavouriteState } from '@/lib/favourites/menu-state';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { menuPageMetadata } from '@/lib/menus/page-metadata';
import { isSlug } from '@/lib/menus/slug';

import { addItem, changeQuantity, saveFavourite } from './actions';

/** This visitor's cart (a customer's, or a guest's) priced from the menu when it holds this restaurant's items; empty otherwise or when Redis can't say. */
async function cartFor(slug: string, menu: NonNullable<Awaited<ReturnType<typeof getRestaurantMenu>>['value']>) {
  try {
    const owner = await currentCartOwner();
    if (!owner) return EMPTY_CART;
    const cart = await readCart(owner);
    if (cart.restaurant === slug) return { ...priceCart(cart, menu), elsewhere: null };
    if (cart.restaurant === null) return EMPTY_CART;
    // Another restaurant's cart: the side cart says whose, with a link back to it.
    const { value: other } = await getRestaurantMenu(cart.restaurant);
    const elsewhere = other ? { name: other.restaurant.name, href: `/${other.restaurant.city.slug}/${other.restaurant.slug}` } : null;
    return { ...EMPTY_CART, elsewhere };
  } catch {
    return EMPTY_CART;
  }
}

interface MenuPageProps {
  params: Promise<{ city: string; restaurant: string }>;
}

export async function generateMetadata({ params }: MenuPageProps): Promise<Metadata> {
  const { city, restaurant } = await params;
  return menuPageMetadata(city, restaurant);
}

export default async function MenuPage({ params }: MenuPageProps) {
  const { city, restaurant } = await params;
  // The layout has already turned unknown or misplaced restaurants into a 404; this narrows the types.
  if (!isSlug(restaurant)) notFound();
  // The views line and the heart change with every visitor: never bake this page in at build or revalidate time.
  await connection();
  // Separate from the menu's cached lookup (and its badge): per-request counts and this customer's heart.
  const [{ value: menu, cache }, favourite] = await Promise.all([
    getRestaurantMenu(restaurant),
    getCustomer().then((customer) => readFavouriteState(restaurant, customer?.customerId ?? null)),
  ]);
  if (!menu || menu.restaurant.city.slug !== city) notFound();

  const path = `/${menu.restaurant.city.slug}/${menu.restaurant.slug}`;
  const cart = await cartFor(menu.restaurant.slug, menu);
  // Server actions bound to this restaurant: the client gets references only.
  const change = changeQuantity.bind(null, path);
  const ordering = {
    add: addItem.bind(null, menu.restaurant.slug),
    change,
    quantities: Object.fromEntries(cart.lines.map((line) => [line.itemId, line.quantity])),
    path,
  };

  return (
    <MenuPageBody
      menu={menu}
      cache={cache}
      favourite={favourite}
      saveFavourite={saveFavourite.bind(null, menu.restaurant.slug, path)}
      cart={cart}
      change={change}
      ordering={ordering}
    />
  );
}
