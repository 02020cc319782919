import 'server-only';

import { priceCart, readCart } from '@/lib/cart/cart';
import { currentCartOwner } from '@/lib/cart/current';
import type { CartOwner } from '@/lib/cart/keys';
import { getCustomer } from '@/lib/customers/session';
import { readFavouriteState, readOwnFavourite } from '@/lib/favourites/menu-state';
import type { FavouriteState } from '@/lib/favourites/types';

import { getRestaurantMenu } from './cached';
import { EMPTY_CART } from './empty-cart';
import type { MenuCart, MenuVisitorParts, RestaurantMenu } from './types';

/**
 * What a menu page shows of one visitor: their cart and their heart. The per-request menu page reads
 * it whole (readMenuVisitor); the shared page (the same for every visitor, docs/decisions/046) has the
 * favourite count and asks GET /api/restaurants/<slug>/visitor for the rest after load (readVisitorParts).
 */
export interface MenuVisitor {
  cart: MenuCart;
  /** Null when the favourites can't be read in time: the page leaves the heart out. */
  favourite: FavouriteState | null;
}

/** `owner`'s cart as `menu`'s page shows it; empty when Redis can't say. */
export async function readMenuCart(owner: CartOwner | null, menu: RestaurantMenu): Promise<MenuCart> {
  if (!owner) return EMPTY_CART;
  try {
    const cart = await readCart(owner);
    if (cart.restaurant === menu.restaurant.slug) return { ...priceCart(cart, menu), elsewhere: null };
    if (cart.restaurant === null) return EMPTY_CART;
    const { value: other } = await getRestaurantMenu(cart.restaurant);
    const elsewhere = other ? { name: other.restaurant.name, href: `/${other.restaurant.city.slug}/${other.restaurant.slug}` } : null;
    return { ...EMPTY_CART, elsewhere };
  } catch {
    return EMPTY_CART;
  }
}

/** This request's visitor on `menu`'s page, for a page rendered for them. */
export async function readMenuVisitor(menu: RestaurantMenu): Promise<MenuVisitor> {
  const slug = menu.restaurant.slug;
  const [cart, favourite] = await Promise.all([
    currentCartOwner().then((owner) => readMenuCart(owner, menu)),
    getCustomer().then((customer) => readFavouriteState(slug, customer?.customerId ?? null)),
  ]);
  return { cart, favourite };
}

/**
 * This request's visitor's own parts of `menu`'s shared page: their cart, and (signed in) whether they
 * saved it. A guest with a cart costs two Redis commands here (the menu, read by the route, and the cart).
 */
export async function readVisitorParts(menu: RestaurantMenu): Promise<MenuVisitorParts> {
  const [cart, favourite] = await Promise.all([
    currentCartOwner().then((owner) => readMenuCart(owner, menu)),
    getCustomer().then((customer) => readOwnFavourite(menu.restaurant.slug, customer?.customerId ?? null)),
  ]);
  return { cart, favourite };
}
