import 'server-only';

import { readCart } from '@/lib/cart/cart';
import { priceCart } from '@/lib/cart/prices';
import { dishesIn } from '@/lib/cart/dishes';
import { cartOwnerOf, currentCartOwner } from '@/lib/cart/current';
import type { CartOwner } from '@/lib/cart/keys';
import { entryReadAt, type EntryRead } from '@/lib/cache/read-through';
import { customerSessionRead, getCustomer, lookUpCustomer, lookUpCustomerFrom, type CustomerLookup } from '@/lib/customers/session';
import { favouriteEntryKeys } from '@/lib/favourites/cache';
import { readFavouriteState, readOwnFavourite } from '@/lib/favourites/menu-state';
import { guardedRedis } from '@/lib/redis/guard';
import { writesInDoubt } from '@/lib/redis/refused-writes';

import { getRestaurantMenu, menuEntryKeys, readRestaurantMenuFrom } from './cached';
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
 * so, rather than show an empty cart). `read`: the session lookup already made, and the favourites'
 * entry read with it (readVisitorRequest, which read the menu: a guest with a cart costs it and the
 * cart, two Redis commands).
 */
export async function readVisitorParts(
  menu: RestaurantMenu,
  read: { lookup: CustomerLookup; favourite?: EntryRead } | null = null,
): Promise<MenuVisitorParts | null> {
  // A session Redis can't read hides whose cart this is (currentCartOwner answers none): an empty cart
  // would tell a signed-in customer theirs is gone, so the page says it can't be read and offers to retry.
  const lookup = read?.lookup ?? (await lookUpCustomer());
  if (lookup.status === 'unavailable') return null;
  const customerId = lookup.status === 'signed-in' ? lookup.customer.customerId : null;
  const [cart, favourite] = await Promise.all([
    // The lookup above, not currentCartOwner()'s own: React's `cache` does not memoize in a route handler.
    cartOwnerOf(lookup).then((owner) => readMenuCart(owner, menu)),
    readOwnFavourite(menu.restaurant.slug, customerId, read?.favourite),
  ]);
  return cart === null ? null : { cart, favourite };
}

/**
 * GET /api/restaurants/<slug>/visitor: the menu (null: no such restaurant) and this request's visitor's
 * parts of its page (readVisitorParts). A customer's cookie names them, so the menu's entry, their
 * session with its epoch, and their favourites' entry are read in one MGET, each part then checked as
 * its own read checks it (the session against the epoch, each entry against its generation), and the
 * favourites used only once the session confirms the customer: 2 commands with the cart's, where
 * separate reads took 4 (decision 078). The keys span two Cluster slots (the menu's, the customer's),
 * as the page cache's MGET does (docs/redis-keys.md). A guest's request reads the menu, then the cart.
 */
export async function readVisitorRequest(slug: string): Promise<{ menu: RestaurantMenu; parts: MenuVisitorParts | null } | null> {
  const customer = await customerSessionRead();
  if (!customer) {
    const { value: menu } = await getRestaurantMenu(slug);
    return menu ? { menu, parts: await readVisitorParts(menu) } : null;
  }
  const menuKeys = menuEntryKeys(slug);
  const favouriteKeys = favouriteEntryKeys(customer.customerId);
  // Redis refusing writes may hold entries a save could not invalidate: their reads count as skipped
  // (decision 049), checked before the read as readEntry does and after it (entryReadAt).
  const inDoubt = writesInDoubt();
  const started = performance.now();
  const read = await guardedRedis('visitor.read', (redis) => redis.mget([...menuKeys, ...customer.keys, ...favouriteKeys]));
  const entryAt = (at: number): EntryRead => (inDoubt ? { ok: false, reason: 'skipped' } : entryReadAt(read, at));
  const [sessionAt, favouriteAt] = [menuKeys.length, menuKeys.length + customer.keys.length];
  const session = read.ok ? { ok: true as const, value: read.value.slice(sessionAt, favouriteAt) } : read;
  const [{ value: menu }, lookup] = await Promise.all([
    readRestaurantMenuFrom(slug, entryAt(0)),
    lookUpCustomerFrom({ read: session, started, keys: customer.keys }),
  ]);
  if (!menu) return null;
  // The favourites read was of the customer the cookie names: used only if the session is theirs.
  const confirmed = lookup.status === 'signed-in' && lookup.customer.customerId === customer.customerId;
  return { menu, parts: await readVisitorParts(menu, { lookup, favourite: confirmed ? entryAt(favouriteAt) : undefined }) };
}
