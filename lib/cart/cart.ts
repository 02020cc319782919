import 'server-only';

import { CART_TTL_MS, customerKeys } from '@/lib/cache/keys';
import type { RestaurantMenu } from '@/lib/menus/types';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

/**
 * A cart per customer session: the Redis hash `cart:v1:{<session hash>}` with `restaurant` → slug
 * and `item:<menu item id>` → quantity, living CART_TTL_MS (24 h) after its last change. One
 * restaurant per cart: adding from another is refused as a conflict until the caller asks to replace.
 * Prices are never stored: the cart shows the menu's current ones and checkout re-reads Postgres.
 */

export const MAX_QUANTITY = 20;
const RESTAURANT = 'restaurant';
const ITEM = 'item:';

export interface Cart {
  restaurant: string | null;
  items: { itemId: number; quantity: number }[];
}

export type AddResult =
  | { status: 'added'; quantity: number }
  | { status: 'unavailable' }
  | { status: 'conflict'; currentRestaurant: string };

export async function readCart(sessionHash: string, store: RedisStore = getRedis()): Promise<Cart> {
  const hash = await store.hgetall(customerKeys.cart(sessionHash));
  const items = Object.entries(hash)
    .filter(([field]) => field.startsWith(ITEM))
    .map(([field, value]) => ({ itemId: Number(field.slice(ITEM.length)), quantity: Number(value) }))
    .filter(({ itemId, quantity }) => Number.isInteger(itemId) && quantity > 0)
    .sort((a, b) => a.itemId - b.itemId);
  return { restaurant: items.length > 0 ? (hash[RESTAURANT] ?? null) : null, items };
}

/** Adds one of `itemId` from `menu` (read through the cache by the caller). */
export async function addToCart(
  sessionHash: string,
  menu: RestaurantMenu,
  itemId: number,
  options: { replace?: boolean; store?: RedisStore } = {},
): Promise<AddResult> {
  const store = options.store ?? getRedis();
  const item = menu.categories.flatMap((category) => category.items).find((candidate) => candidate.id === itemId);
  if (!item || !item.available || !menu.restaurant.isOpen) return { status: 'unavailable' };

  const key = customerKeys.cart(sessionHash);
  const current = await readCart(sessionHash, store);
  if (current.restaurant !== null && current.restaurant !== menu.restaurant.slug) {
    if (!options.replace) return { status: 'conflict', currentRestaurant: current.restaurant };
    await store.del([key]);
  }
  await store.hset(key, { [RESTAURANT]: menu.restaurant.slug });
  let quantity = await store.hincrby(key, `${ITEM}${itemId}`, 1);
  if (quantity > MAX_QUANTITY) {
    await store.hset(key, { [`${ITEM}${itemId}`]: String(MAX_QUANTITY) });
    quantity = MAX_QUANTITY;
  }
  await store.pexpire(key, CART_TTL_MS);
  return { status: 'added', quantity };
}

/** Sets an item's quantity; 0 removes it, and the cart goes with its last item. */
export async function setQuantity(
  sessionHash: string,
  itemId: number,
  quantity: number,
  store: RedisStore = getRedis(),
): Promise<void> {
  const key = customerKeys.cart(sessionHash);
  const field = `${ITEM}${itemId}`;
  if (quantity <= 0) {
    await store.hdel(key, [field]);
    if ((await readCart(sessionHash, store)).items.length === 0) await store.del([key]);
    return;
  }
  // Only items already in the cart: a quantity change never adds an item past addToCart's checks.
  if ((await store.hget(key, field)) === null) return;
  await store.hset(key, { [field]: String(Math.min(quantity, MAX_QUANTITY)) });
  await store.pexpire(key, CART_TTL_MS);
}

export async function clearCart(sessionHash: string, store: RedisStore = getRedis()): Promise<void> {
  await store.del([customerKeys.cart(sessionHash)]);
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
