import 'server-only';

import type { RestaurantMenu } from '@/lib/menus/types';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { cartKeys, cartTtlMs, type CartOwner } from './keys';

/**
 * A cart's prices: its lines priced from a menu, and the price each dish had when it was added, kept
 * beside the cart (cartKeys.prices) so that checkout, priced from Postgres, can say one changed since.
 * The cart itself (lib/cart/cart.ts) stores no price.
 */

/** Every dish of `menu`, in its order. */
export function dishesOf(menu: RestaurantMenu) {
  return menu.categories.flatMap((category) => category.items);
}

/** The cart's lines priced from a menu; items gone from it (or now unavailable) are left out. */
export function priceCart(cart: { items: readonly { itemId: number; quantity: number }[] }, menu: RestaurantMenu) {
  const byId = new Map(dishesOf(menu).map((item) => [item.id, item]));
  const lines = cart.items.flatMap(({ itemId, quantity }) => {
    const item = byId.get(itemId);
    return item && item.available ? [{ itemId, name: item.name, pricePaise: item.pricePaise, quantity }] : [];
  });
  return { lines, totalPaise: lines.reduce((sum, line) => sum + line.pricePaise * line.quantity, 0) };
}

/**
 * Remembers the prices an ADD (or a reorder, or a − / + on a menu) saw, item id → paise, for checkout's
 * "price changed" note, and renews what is remembered for the cart's lifetime (none given: only that);
 * `replace` forgets the others first. Bookkeeping only: a failure leaves the note out, never the
 * change to the cart (which has happened).
 */
export async function rememberPrices(store: RedisStore, owner: CartOwner, prices: Record<string, string>, replace = false): Promise<void> {
  try {
    const key = cartKeys.prices(owner);
    if (replace) await store.del([key]);
    if (Object.keys(prices).length > 0) await store.hset(key, prices);
    await store.pexpire(key, cartTtlMs(owner));
  } catch {
    // The note is left out for this dish.
  }
}

/** The guest's remembered prices join the customer's at sign-in (`replace`: theirs only), as the dishes do. */
export async function movePrices(store: RedisStore, guest: CartOwner, customer: CartOwner, replace = false): Promise<void> {
  const prices = await readAddedPrices(guest, store);
  if (prices.size === 0) return;
  await rememberPrices(store, customer, Object.fromEntries([...prices].map(([itemId, paise]) => [String(itemId), String(paise)])), replace);
}

/**
 * The price each dish had on the menu when it was last added (menu item id → paise): empty when
 * unknown (Redis lost it or can't say), so checkout then says nothing rather than guess.
 */
export async function readAddedPrices(owner: CartOwner, store: RedisStore = getRedis()): Promise<Map<number, number>> {
  try {
    const hash = await store.hgetall(cartKeys.prices(owner));
    const prices = new Map<number, number>();
    for (const [field, value] of Object.entries(hash)) {
      const itemId = Number(field);
      const paise = Number(value);
      if (Number.isSafeInteger(itemId) && Number.isSafeInteger(paise) && paise >= 0) prices.set(itemId, paise);
    }
    return prices;
  } catch {
    return new Map();
  }
}
