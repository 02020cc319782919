import 'server-only';

import { readCart } from '@/lib/cart/cart';
import { priceCart } from '@/lib/cart/prices';
import { dishesIn } from '@/lib/cart/dishes';
import { cartOwnerOf, currentCartOwner } from '@/lib/cart/current';
import type { CartOwner } from '@/lib/cart/keys';
import { getCustomer, lookUpCustomer } from '@/lib/customers/session';
import { readFavouriteState, readOwnFavourite } from '@/lib/favourites/menu-state';

import { getRestaurantMenu } from './cached';
import { EMPTY_CART } from './empty-cart';
import type { MenuCart, MenuVisitor, MenuVisitorParts, RestaurantMenu } from './types';

/*
 * What a menu page shows of one visitor: their cart and their heart. The per-request menu page reads
 * it whole (readMenuVisitor); the shared page (the same for every visitor, docs/decisions/046) has the
 * favourite count and asks GET /api/restaurants/<slug>/visitor for the rest after load (readVisitorParts).
 */

/** `owner`'s cart as `menu`'s page shows it (empty without an owner); null when Redis can't say. */
export async function readMenuCart(owner: CartOwner | null, menu: RestaurantMenu): Promise<MenuCart | null> {
  if (!owner) return EMPTY_CART;
  try {
    const cart = await readCart(owner);
    if (cart.restaurant === menu.restaurant.slug) return { ...priceCart(cart, menu), elsewhere: null };
    if (cart.restaurant === null) return EMPTY_CART;
    const { value: other } = await getRestaurantMenu(cart.restaurant);
    const elsewhere = other
      ? { name: other.restaurant.name, href: `/${other.restaurant.city.slug}/${other.restaurant.slug}`, items: dishesIn(cart.items) }
      : null;
    return { ...EMPTY_CART, elsewhere };
  } catch {
    return null;
  }
}

/** This request's visitor on `menu`'s page, for a page rendered for them: a cart Redis can't read shows empty. */
export async function readMenuVisitor(menu: RestaurantMenu): Promise<MenuVisitor> {
  const slug = menu.restaurant.slug;
  const [cart, favourite] = await Promise.all([
    currentCartOwner().then((owner) => readMenuCart(owner, menu)),
    getCustomer().then((customer) => readFavouriteState(slug, customer?.customerId ?? null)),
  ]);
  return { cart: cart ?? EMPTY_CART, favourite };
}

/**
 * This request's visitor's own parts of `menu`'s shared page: their cart, and (signed in) whether they
 * saved it; null when the cart, or the session that says whose cart it is, can't be read (the page says
 * so, rather than show an empty cart). A
 * guest with a cart costs two Redis commands here (the menu, read by the route, and the cart).
 */
export async function readVisitorParts(menu: RestaurantMenu): Promise<MenuVisitorParts | null> {
  // A session Redis can't read hides whose cart this is (currentCartOwner answers none): an empty cart
  // would tell a signed-in customer theirs is gone, so the page says it can't be read and offers to retry.
  const lookup = await lookUpCustomer();
  if (lookup.status === 'unavailable') return null;
  const customerId = lookup.status === 'signed-in' ? lookup.customer.customerId : null;
  const [cart, favourite] = await Promise.all([
    // The lookup above, not currentCartOwner()'s own: React's `cache` does not memoize in a route handler.
    cartOwnerOf(lookup).then((owner) => readMenuCart(owner, menu)),
    readOwnFavourite(menu.restaurant.slug, customerId),
  ]);
  return cart === null ? null : { cart, favourite };
}
