import 'server-only';

import type { RestaurantMenu } from '@/lib/menus/types';
import { MAX_CART_LINES, MAX_QUANTITY } from '@/lib/orders/limits';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { CART_TTL_MS, cartKeys, GUEST_CART_TTL_MS, type CartOwner } from './keys';

/**
 * A cart per owner (a customer, or a guest before signing in: lib/cart/keys.ts): the Redis hash
 * `cart:v3:{<owner>}` with `restaurant` → slug and `item:<slug>:<menu item id>` → quantity, living
 * CART_TTL_MS (GUEST_CART_TTL_MS for a guest) after its last change.
 * Prices are never stored: the cart shows the menu's current ones and checkout re-reads Postgres.
 *
 * One restaurant per cart, under concurrent adds too: the cart's restaurant is claimed with one
 * HSETNX, so of two first adds from different restaurants exactly one wins and the other is a
 * conflict. Each item field names its restaurant, and only the claimed restaurant's fields are
 * read: an add that passed its check just before a concurrent "replace" emptied the cart lands in
 * a field nobody reads, instead of mixing restaurants (docs/decisions/016-input-bounds-and-atomic-cart.md).
 */

export { MAX_CART_LINES, MAX_QUANTITY };
const RESTAURANT = 'restaurant';
const ITEM = 'item:';

const itemField = (restaurant: string, itemId: number) => `${ITEM}${restaurant}:${itemId}`;
const ttlOf = (owner: CartOwner) => (owner.startsWith('g') ? GUEST_CART_TTL_MS : CART_TTL_MS);

export interface Cart {
  restaurant: string | null;
  items: { itemId: number; quantity: number }[];
}

export type AddResult =
  | { status: 'added'; quantity: number }
  | { status: 'unavailable' }
  | { status: 'full' }
  | { status: 'conflict'; currentRestaurant: string };

export async function readCart(owner: CartOwner, store: RedisStore = getRedis()): Promise<Cart> {
  const hash = await store.hgetall(cartKeys.cart(owner));
  const restaurant = hash[RESTAURANT];
  if (!restaurant) return { restaurant: null, items: [] };
  const own = `${ITEM}${restaurant}:`;
  const items = Object.entries(hash)
    .filter(([field]) => field.startsWith(own))
    .map(([field, value]) => ({ itemId: Number(field.slice(own.length)), quantity: Number(value) }))
    .filter(({ itemId, quantity }) => Number.isSafeInteger(itemId) && Number.isSafeInteger(quantity) && quantity > 0)
    .map(({ itemId, quantity }) => ({ itemId, quantity: Math.min(quantity, MAX_QUANTITY) }))
    .sort((a, b) => a.itemId - b.itemId);
  return { restaurant: items.length > 0 ? restaurant : null, items };
}

/** The cart's restaurant after trying to claim it for `slug` (HSETNX): `slug` when the claim won or it was already `slug`. */
async function claim(store: RedisStore, key: string, slug: string, ttlMs: number): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await store.hsetnx(key, RESTAURANT, slug)) {
      await store.pexpire(key, ttlMs);
      return slug;
    }
    const owner = await store.hget(key, RESTAURANT);
    // null: the cart was emptied between the two commands; claim again.
    if (owner !== null) return owner;
  }
  return (await store.hget(key, RESTAURANT)) ?? slug;
}

/** Adds one of `itemId` from `menu` (read through the cache by the caller). */
export async function addToCart(
  owner: CartOwner,
  menu: RestaurantMenu,
  itemId: number,
  options: { replace?: boolean; store?: RedisStore } = {},
): Promise<AddResult> {
  const store = options.store ?? getRedis();
  const item = menu.categories.flatMap((category) => category.items).find((candidate) => candidate.id === itemId);
  if (!item || !item.available || !menu.restaurant.isOpen) return { status: 'unavailable' };

  const key = cartKeys.cart(owner);
  const slug = menu.restaurant.slug;
  let holder = await claim(store, key, slug, ttlOf(owner));
  if (holder !== slug) {
    if (!options.replace) return { status: 'conflict', currentRestaurant: holder };
    await store.del([key]);
    holder = await claim(store, key, slug, ttlOf(owner));
    // Another add claimed the emptied cart first: that one wins, this one asks again.
    if (holder !== slug) return { status: 'conflict', currentRestaurant: holder };
  }
  const field = itemField(slug, itemId);
  let quantity = await store.hincrby(key, field, 1);
  // A new line past the limit (the restaurant field is one of the hash's fields) is taken back.
  if (quantity === 1 && (await store.hlen(key)) - 1 > MAX_CART_LINES) {
    await store.hdel(key, [field]);
    return { status: 'full' };
  }
  if (quantity > MAX_QUANTITY) {
    await store.hset(key, { [field]: String(MAX_QUANTITY) });
    quantity = MAX_QUANTITY;
  }
  await store.pexpire(key, ttlOf(owner));
  return { status: 'added', quantity };
}

/** Sets an item's quantity; 0 removes it, and the cart goes with its last item. */
export async function setQuantity(
  owner: CartOwner,
  itemId: number,
  quantity: number,
  store: RedisStore = getRedis(),
): Promise<void> {
  const key = cartKeys.cart(owner);
  const restaurant = await store.hget(key, RESTAURANT);
  if (restaurant === null) return;
  const field = itemField(restaurant, itemId);
  if (quantity <= 0) {
    await store.hdel(key, [field]);
    if ((await readCart(owner, store)).items.length === 0) await store.del([key]);
    return;
  }
  // Only items already in the cart: a quantity change never adds an item past addToCart's checks.
  if ((await store.hget(key, field)) === null) return;
  await store.hset(key, { [field]: String(Math.min(quantity, MAX_QUANTITY)) });
  await store.pexpire(key, ttlOf(owner));
}

export async function clearCart(owner: CartOwner, store: RedisStore = getRedis()): Promise<void> {
  await store.del([cartKeys.cart(owner)]);
}

export type MergeResult =
  | { status: 'nothing' }
  | { status: 'merged'; restaurant: string }
  | { status: 'conflict'; guestRestaurant: string; customerRestaurant: string };

/** Writes `cart` as `to`'s whole cart (replacing what it held). */
async function writeCart(store: RedisStore, to: CartOwner, cart: Cart): Promise<void> {
  const key = cartKeys.cart(to);
  await store.del([key]);
  if (cart.restaurant === null || cart.items.length === 0) return;
  const restaurant = cart.restaurant;
  await store.hset(key, {
    [RESTAURANT]: restaurant,
    ...Object.fromEntries(cart.items.slice(0, MAX_CART_LINES).map((line) => [itemField(restaurant, line.itemId), String(line.quantity)])),
  });
  await store.pexpire(key, ttlOf(to));
}

/**
 * At sign-in: the guest's cart moves into the customer's. Same restaurant (or an empty customer
 * cart): quantities add up (each capped at MAX_QUANTITY) and the guest cart goes. Different
 * restaurants: nothing moves; the customer is asked which to keep (keepCart). The guest cart is
 * deleted only once its items are in the customer's, so an item tapped before sign-in is never lost.
 */
export async function mergeGuestCart(guest: CartOwner, customer: CartOwner, store: RedisStore = getRedis()): Promise<MergeResult> {
  const from = await readCart(guest, store);
  if (from.restaurant === null) return { status: 'nothing' };
  const into = await readCart(customer, store);
  if (into.restaurant !== null && into.restaurant !== from.restaurant) {
    return { status: 'conflict', guestRestaurant: from.restaurant, customerRestaurant: into.restaurant };
  }
  const quantities = new Map(into.items.map((line) => [line.itemId, line.quantity]));
  for (const line of from.items) quantities.set(line.itemId, Math.min(MAX_QUANTITY, (quantities.get(line.itemId) ?? 0) + line.quantity));
  const items = [...quantities].map(([itemId, quantity]) => ({ itemId, quantity })).sort((a, b) => a.itemId - b.itemId);
  await writeCart(store, customer, { restaurant: from.restaurant, items });
  await clearCart(guest, store);
  return { status: 'merged', restaurant: from.restaurant };
}

/** The customer's answer to a merge conflict: keep the guest cart (replacing theirs) or their own. */
export async function keepCart(keep: 'guest' | 'customer', guest: CartOwner, customer: CartOwner, store: RedisStore = getRedis()): Promise<void> {
  if (keep === 'guest') {
    const from = await readCart(guest, store);
    if (from.restaurant !== null) await writeCart(store, customer, from);
  }
  await clearCart(guest, store);
}

/**
 * Reorder: `owner`'s cart becomes these lines from `menu`, those still available (quantities capped),
 * replacing what it held. Returns how many lines made it; 0 leaves the cart as it was.
 */
export async function refillCart(
  owner: CartOwner,
  menu: RestaurantMenu,
  lines: readonly { itemId: number; quantity: number }[],
  store: RedisStore = getRedis(),
): Promise<number> {
  if (!menu.restaurant.isOpen) return 0;
  const available = new Set(menu.categories.flatMap((category) => category.items).filter((item) => item.available).map((item) => item.id));
  const quantities = new Map<number, number>();
  for (const line of lines) {
    if (available.has(line.itemId)) quantities.set(line.itemId, Math.min(MAX_QUANTITY, (quantities.get(line.itemId) ?? 0) + line.quantity));
  }
  if (quantities.size === 0) return 0;
  const items = [...quantities].map(([itemId, quantity]) => ({ itemId, quantity })).slice(0, MAX_CART_LINES);
  await writeCart(store, owner, { restaurant: menu.restaurant.slug, items });
  return items.length;
}

/** The cart's lines priced from a menu; items gone from it (or now unavailable) are left out. */
export function priceCart(cart: Cart, menu: RestaurantMenu) {
  const byId = new Map(menu.categories.flatMap((category) => category.items).map((item) => [item.id, item]));
  const lines = cart.items.flatMap(({ itemId, quantity }) => {
    const item = byId.get(itemId);
    return item && item.available ? [{ itemId, name: item.name, pricePaise: item.pricePaise, quantity }] : [];
  });
  return { lines, totalPaise: lines.reduce((sum, line) => sum + line.pricePaise * line.quantity, 0) };
}
