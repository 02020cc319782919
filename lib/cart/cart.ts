import 'server-only';

import { randomBytes } from 'node:crypto';

import type { RestaurantMenu } from '@/lib/menus/types';
import { MAX_CART_LINES, MAX_QUANTITY } from '@/lib/orders/limits';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { dishesIn } from './dishes';
import { cartKeys, cartTtlMs, type CartOwner } from './keys';
import { dishesOf, rememberPrices } from './prices';

/**
 * A cart per owner (a customer, or a guest before signing in: lib/cart/keys.ts): the Redis hash
 * `cart:v3:{<owner>}` with `restaurant` → slug and `item:<slug>:<menu item id>` → quantity, living
 * CART_TTL_MS (GUEST_CART_TTL_MS for a guest) after its last change.
 * Prices are never stored in it: the cart shows the menu's current ones and checkout re-reads Postgres
 * (what an ADD saw is kept beside it for checkout's "price changed" note: lib/cart/prices.ts).
 *
 * One restaurant per cart, under concurrent adds too: the cart's restaurant is claimed with one
 * HSETNX, so of two first adds from different restaurants exactly one wins and the other is a
 * conflict. Each item field names its restaurant, and only the claimed restaurant's fields are
 * read: an add that passed its check just before a concurrent "replace" emptied the cart lands in
 * a field nobody reads, instead of mixing restaurants (docs/decisions/016-input-bounds-and-atomic-cart.md).
 *
 * One cart, one order, in Postgres (cartToOrder below): the hash's `generation` field names this cart
 * until it is deleted (cleared by its order, emptied, replaced, expired, or lost with Redis), and each
 * order records the generation it was placed from. A guest cart merged into it keeps it (mergeGuestCart: ./refill.ts).
 */

export { MAX_CART_LINES, MAX_QUANTITY };
const RESTAURANT = 'restaurant';
const GENERATION = 'generation';
const ITEM = 'item:';

const itemField = (restaurant: string, itemId: number) => `${ITEM}${restaurant}:${itemId}`;

export interface Cart {
  restaurant: string | null;
  items: { itemId: number; quantity: number }[];
}

export type AddResult =
  | { status: 'added'; quantity: number }
  | { status: 'unavailable' }
  | { status: 'full' }
  | { status: 'conflict'; currentRestaurant: string };

/** A cart as checkout orders it: never empty, with the generation its order records. */
export interface CartToOrder extends Cart {
  restaurant: string;
  generation: string;
}

export async function readCart(owner: CartOwner, store: RedisStore = getRedis()): Promise<Cart> {
  return cartOf(await store.hgetall(cartKeys.cart(owner)));
}

/** How many dishes (quantities summed) the owner's cart holds: 0 when empty, or when Redis can't say. */
export async function itemsInCart(owner: CartOwner, store: RedisStore = getRedis()): Promise<number> {
  try {
    return dishesIn((await readCart(owner, store)).items);
  } catch {
    return 0;
  }
}

function cartOf(hash: Record<string, string>): Cart {
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

/**
 * The cart checkout orders, or null when it is empty. Its generation is minted here, on the cart's
 * first checkout (HSETNX, so concurrent checkouts of one cart agree on it), and lasts as long as the
 * hash: every way a cart ends or is replaced deletes the hash, and the next cart gets a new one. The
 * orders table's unique (customer, cart generation) then lets one cart become one order even when
 * every Redis guard failed (lib/orders/checkout.ts). A cart deleted between the read and the HSETNX
 * leaves a hash of the generation alone, which reads as empty and expires like a cart.
 */
export async function cartToOrder(owner: CartOwner, store: RedisStore = getRedis()): Promise<CartToOrder | null> {
  const key = cartKeys.cart(owner);
  for (let attempt = 0; attempt < 3; attempt++) {
    const hash = await store.hgetall(key);
    const cart = cartOf(hash);
    if (cart.restaurant === null) return null;
    const generation = hash[GENERATION];
    if (generation) return { restaurant: cart.restaurant, items: cart.items, generation };
    if (await store.hsetnx(key, GENERATION, randomBytes(12).toString('base64url'))) await store.pexpire(key, cartTtlMs(owner));
  }
  throw new Error('the cart kept changing while checkout read it');
}

/** The cart's lines: its fields but the restaurant and, once it has been to checkout, the generation. */
async function lineCount(store: RedisStore, key: string): Promise<number> {
  const fields = (await store.hlen(key)) - 1;
  // Only a cart near the limit pays for the second command.
  return fields > MAX_CART_LINES && (await store.hget(key, GENERATION)) !== null ? fields - 1 : fields;
}

/**
 * The cart's restaurant after trying to claim it for `slug` (HSETNX): `slug` when the claim won or it
 * was already `slug`; `started` when this claim began the cart.
 */
async function claim(store: RedisStore, key: string, slug: string, ttlMs: number): Promise<{ holder: string; started: boolean }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await store.hsetnx(key, RESTAURANT, slug)) {
      await store.pexpire(key, ttlMs);
      return { holder: slug, started: true };
    }
    const owner = await store.hget(key, RESTAURANT);
    // null: the cart was emptied between the two commands; claim again.
    if (owner !== null) return { holder: owner, started: false };
  }
  return { holder: (await store.hget(key, RESTAURANT)) ?? slug, started: false };
}

/** `menu`'s dish `itemId`, if it has one. */
function dishOf(menu: RestaurantMenu, itemId: number) {
  return dishesOf(menu).find((item) => item.id === itemId);
}

/** Adds one of `itemId` from `menu` (read through the cache by the caller). */
export async function addToCart(
  owner: CartOwner,
  menu: RestaurantMenu,
  itemId: number,
  options: { replace?: boolean; store?: RedisStore } = {},
): Promise<AddResult> {
  const store = options.store ?? getRedis();
  const item = dishOf(menu, itemId);
  if (!item || !item.available || !menu.restaurant.isOpen) return { status: 'unavailable' };

  const key = cartKeys.cart(owner);
  const slug = menu.restaurant.slug;
  let claimed = await claim(store, key, slug, cartTtlMs(owner));
  if (claimed.holder !== slug) {
    if (!options.replace) return { status: 'conflict', currentRestaurant: claimed.holder };
    await store.del([key]);
    claimed = await claim(store, key, slug, cartTtlMs(owner));
    // Another add claimed the emptied cart first: that one wins, this one asks again.
    if (claimed.holder !== slug) return { status: 'conflict', currentRestaurant: claimed.holder };
  }
  const field = itemField(slug, itemId);
  let quantity = await store.hincrby(key, field, 1);
  // A new line past the limit is taken back.
  if (quantity === 1 && (await lineCount(store, key)) > MAX_CART_LINES) {
    await store.hdel(key, [field]);
    return { status: 'full' };
  }
  if (quantity > MAX_QUANTITY) {
    await store.hset(key, { [field]: String(MAX_QUANTITY) });
    quantity = MAX_QUANTITY;
  }
  await store.pexpire(key, cartTtlMs(owner));
  // A new cart forgets the prices of carts before it, so they are never more than one cart's dishes.
  await rememberPrices(store, owner, { [String(itemId)]: String(item.pricePaise) }, claimed.started);
  return { status: 'added', quantity };
}

/**
 * Sets an item's quantity; 0 removes it, and the cart goes with its last item. With `shownOn`, the
 * menu whose − / + this was (its cart shows that menu's prices): the dish's price there becomes the
 * one checkout's note compares with, as an ADD's does, if the cart is that restaurant's.
 */
export async function setQuantity(
  owner: CartOwner,
  itemId: number,
  quantity: number,
  store: RedisStore = getRedis(),
  shownOn?: RestaurantMenu,
): Promise<void> {
  const key = cartKeys.cart(owner);
  const restaurant = await store.hget(key, RESTAURANT);
  if (restaurant === null) return;
  const field = itemField(restaurant, itemId);
  let shown: ReturnType<typeof dishOf>;
  if (quantity <= 0) {
    const removed = await store.hdel(key, [field]);
    // The prices beside it go too: the next ADD would replace them, but a cart never started again
    // left them for their whole TTL.
    if ((await readCart(owner, store)).items.length === 0) {
      await store.del([key, cartKeys.prices(owner)]);
      return;
    }
    // Removing a line that wasn't there is no change, so it renews nothing.
    if (removed === 0) return;
  } else {
    // Only items already in the cart: a quantity change never adds an item past addToCart's checks.
    if ((await store.hget(key, field)) === null) return;
    await store.hset(key, { [field]: String(Math.min(quantity, MAX_QUANTITY)) });
    shown = shownOn?.restaurant.slug === restaurant ? dishOf(shownOn, itemId) : undefined;
  }
  // Every change renews the cart, a removed line's included (CART_TTL_MS after its last change).
  await store.pexpire(key, cartTtlMs(owner));
  // The prices live as long as the cart: renewed with it, with the menu's price if this was a menu's.
  await rememberPrices(store, owner, shown ? { [String(itemId)]: String(shown.pricePaise) } : {});
}

export async function clearCart(owner: CartOwner, store: RedisStore = getRedis()): Promise<void> {
  await store.del([cartKeys.cart(owner), cartKeys.prices(owner)]);
}

/**
 * Clears the cart if it is still generation `generation`, which an order holds: after its checkout,
 * and when a cart was left behind by an order whose clear failed. A cart started anew meanwhile
 * (another tab replaced it, a guest cart was merged into an emptied one) stays: one compare-and-delete
 * (DELIFHEQ), so a cart replaced at any moment is never deleted with the ordered one.
 */
export async function clearOrderedCart(owner: CartOwner, generation: string, store: RedisStore = getRedis()): Promise<void> {
  // The prices beside it go with it, in the same step (only then: a cart that stays keeps them). A DEL
  // after the answer deleted the prices of a cart started within that round trip.
  await store.delifheq(cartKeys.cart(owner), GENERATION, generation, [cartKeys.prices(owner)]);
}

/**
 * Writes `cart` as `to`'s whole cart (replacing what it held), of `generation` when given. `over`: the
 * cart already holds `cart`'s restaurant and at most its lines (a merge, whose quantities only grow), so
 * they are written over it with no DEL first: a Redis that stops taking writes after the DEL left the
 * customer with no cart at all.
 */
export async function writeCart(store: RedisStore, to: CartOwner, cart: Cart, generation?: string, over = false): Promise<void> {
  const key = cartKeys.cart(to);
  if (!over) await store.del([key]);
  if (cart.restaurant === null || cart.items.length === 0) return;
  const restaurant = cart.restaurant;
  await store.hset(key, {
    [RESTAURANT]: restaurant,
    ...(generation ? { [GENERATION]: generation } : {}),
    ...Object.fromEntries(cart.items.slice(0, MAX_CART_LINES).map((line) => [itemField(restaurant, line.itemId), String(line.quantity)])),
  });
  await store.pexpire(key, cartTtlMs(to));
}

/** Whether the customer's cart of this generation became an order (lib/orders/queries.ts cartWasOrdered). */
export type WasOrdered = (generation: string) => Promise<boolean>;

/** The owner's cart with its generation, or an empty one when an order holds its generation (then it is cleared). */
export async function cartNotOrdered(owner: CartOwner, wasOrdered: WasOrdered, store: RedisStore): Promise<Cart & { generation?: string }> {
  const hash = await store.hgetall(cartKeys.cart(owner));
  const generation = hash[GENERATION];
  if (!generation) return cartOf(hash);
  if (!(await wasOrdered(generation))) return { ...cartOf(hash), generation };
  await clearOrderedCart(owner, generation, store);
  return { restaurant: null, items: [] };
}
