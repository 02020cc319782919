import 'server-only';

import type { RestaurantMenu } from '@/lib/menus/types';
import { MAX_CART_LINES, MAX_QUANTITY } from '@/lib/orders/limits';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { cartNotOrdered, clearCart, readCart, writeCart, type WasOrdered } from './cart';
import type { CartOwner } from './keys';
import { dishesOf, movePrices, rememberPrices } from './prices';

/**
 * A cart filled whole from elsewhere, over what it held: a guest's cart moved in at sign-in
 * (mergeGuestCart, keepCart) and a past order's dishes (refillCart, reorder). The cart's hash and its
 * single reads and writes are ./cart.ts's.
 */

export type MergeResult =
  | { status: 'nothing' }
  | { status: 'merged'; restaurant: string }
  | { status: 'conflict'; guestRestaurant: string; customerRestaurant: string };

/**
 * At sign-in: the guest's cart moves into the customer's. Same restaurant (or an empty customer
 * cart): quantities add up (each capped at MAX_QUANTITY) and the guest cart goes. Different
 * restaurants: nothing moves; the customer is asked which to keep (keepCart). The guest cart is
 * deleted only once its items are in the customer's, so an item tapped before sign-in is never lost.
 * A customer cart an order was placed from (its checkout could not clear it) counts as empty and goes:
 * merged into, its dishes would lose the generation that keeps them from being ordered again. Any
 * other cart keeps its generation, as an add does: a checkout of it still committing (another tab)
 * then clears the merged cart, where a new generation left its ordered dishes orderable again.
 */
export async function mergeGuestCart(guest: CartOwner, customer: CartOwner, wasOrdered: WasOrdered, store: RedisStore = getRedis()): Promise<MergeResult> {
  const from = await readCart(guest, store);
  if (from.restaurant === null) return { status: 'nothing' };
  const { generation, ...into } = await cartNotOrdered(customer, wasOrdered, store);
  if (into.restaurant !== null && into.restaurant !== from.restaurant) {
    return { status: 'conflict', guestRestaurant: from.restaurant, customerRestaurant: into.restaurant };
  }
  const quantities = new Map(into.items.map((line) => [line.itemId, line.quantity]));
  for (const line of from.items) quantities.set(line.itemId, Math.min(MAX_QUANTITY, (quantities.get(line.itemId) ?? 0) + line.quantity));
  // The customer's own lines first (a Map keeps insertion order): past MAX_CART_LINES it is the guest's
  // that are left out, so the write over the cart never leaves more lines than the limit.
  const items = [...quantities].map(([itemId, quantity]) => ({ itemId, quantity }));
  // Over the customer's own cart, never deleting it first: a merge cut short by Redis keeps their dishes.
  await writeCart(store, customer, { restaurant: from.restaurant, items }, generation, true);
  await movePrices(store, guest, customer);
  await clearCart(guest, store);
  return { status: 'merged', restaurant: from.restaurant };
}

/** The customer's answer to a merge conflict: keep the guest cart (replacing theirs) or their own. */
export async function keepCart(keep: 'guest' | 'customer', guest: CartOwner, customer: CartOwner, store: RedisStore = getRedis()): Promise<void> {
  if (keep === 'guest') {
    const from = await readCart(guest, store);
    if (from.restaurant !== null) {
      await writeCart(store, customer, from);
      await movePrices(store, guest, customer, true);
    }
  }
  await clearCart(guest, store);
}

/**
 * Reorder: `owner`'s cart becomes these lines from `menu`, those still available (quantities capped),
 * replacing what it held. Returns how many lines made it; 0 leaves the cart as it was. A line's
 * `pricePaise` (what the order paid) is remembered for checkout's price note, else today's price.
 */
export async function refillCart(
  owner: CartOwner,
  menu: RestaurantMenu,
  lines: readonly { itemId: number; quantity: number; pricePaise?: number }[],
  store: RedisStore = getRedis(),
): Promise<number> {
  if (!menu.restaurant.isOpen) return 0;
  const available = new Map(dishesOf(menu).filter((item) => item.available).map((item) => [item.id, item.pricePaise]));
  const quantities = new Map<number, number>();
  // What checkout's note compares today's price with: what the order paid, where a line says.
  const remembered = new Map<number, number>();
  for (const line of lines) {
    const today = available.get(line.itemId);
    if (today === undefined) continue;
    quantities.set(line.itemId, Math.min(MAX_QUANTITY, (quantities.get(line.itemId) ?? 0) + line.quantity));
    remembered.set(line.itemId, line.pricePaise ?? today);
  }
  if (quantities.size === 0) return 0;
  const items = [...quantities].map(([itemId, quantity]) => ({ itemId, quantity })).slice(0, MAX_CART_LINES);
  await writeCart(store, owner, { restaurant: menu.restaurant.slug, items });
  await rememberPrices(store, owner, Object.fromEntries(items.map((line) => [String(line.itemId), String(remembered.get(line.itemId))])), true);
  return items.length;
}
