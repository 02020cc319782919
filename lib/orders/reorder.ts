import 'server-only';

import { refillCart } from '@/lib/cart/refill';
import { cartOwners } from '@/lib/cart/keys';
import { dishesOf } from '@/lib/cart/prices';
import { getRestaurantMenu } from '@/lib/menus/cached';
import type { RestaurantMenu } from '@/lib/menus/types';

import { loadOwnOrder, type OrderDetail } from './queries';

/** A dish of a past order that a reorder could not put back: gone from the menu, or not available now. */
export interface LeftOutDish {
  name: string;
  quantity: number;
}

export type ReorderResult =
  | { status: 'filled'; lines: number; leftOut: LeftOutDish[] }
  | { status: 'not-found' }
  | { status: 'nothing'; message: string };

/**
 * The order's dishes that today's menu can't supply: deleted since (no menu item any more, or not on
 * this menu) or marked unavailable. Customer walk: a reorder left them out without a word, so a
 * customer who reordered "2 × Chicken Biryani, 1 × Paneer Tikka" found only the paneer at checkout.
 */
export function dishesLeftOut(items: OrderDetail['items'], menu: RestaurantMenu): LeftOutDish[] {
  const available = new Set(dishesOf(menu).flatMap((item) => (item.available ? [item.id] : [])));
  return items.flatMap((item) => (item.menuItemId !== null && available.has(item.menuItemId) ? [] : [{ name: item.name, quantity: item.quantity }]));
}

/**
 * "Reorder": the customer's cart becomes this past order's dishes that the restaurant still serves
 * (prices are today's: checkout reads them from Postgres again, and names any that changed since the
 * order). Replaces what the cart held. Says which dishes it left out, for checkout to name
 * (checkoutAfterReorder).
 */
export async function reorder(customerId: number, orderId: string): Promise<ReorderResult> {
  const order = await loadOwnOrder(customerId, orderId);
  if (!order) return { status: 'not-found' };
  const { value: menu } = await getRestaurantMenu(order.restaurant.slug);
  if (!menu) return { status: 'nothing', message: `${order.restaurant.name} is no longer on Thali.` };
  if (!menu.restaurant.isOpen) return { status: 'nothing', message: `${order.restaurant.name} is closed right now: try again when it opens.` };
  const lines = order.items.flatMap((item) => (item.menuItemId === null ? [] : [{ itemId: item.menuItemId, quantity: item.quantity, pricePaise: item.pricePaise }]));
  const filled = await refillCart(cartOwners.customer(customerId), menu, lines);
  if (filled === 0) return { status: 'nothing', message: `None of these dishes is on ${order.restaurant.name}'s menu right now.` };
  return { status: 'filled', lines: filled, leftOut: dishesLeftOut(order.items, menu) };
}

/**
 * What the order paid for each dish still on a menu: a price remembered in the cart that equals it came
 * from this reorder, so checkout says "since your order" of that dish only (lib/orders/price-changes.ts).
 */
function orderedPrices(items: OrderDetail['items']): Map<number, number> {
  return new Map(items.flatMap((item) => (item.menuItemId === null ? [] : [[item.menuItemId, item.pricePaise] as const])));
}

/**
 * What checkout opened by a reorder (`/checkout?reordered=<id>`) says of it: the dishes of the
 * customer's own order that the menu can't supply now, and what it paid for each dish, read again
 * rather than carried in the URL, so a link can't make checkout say anything. Null (checkout then says nothing of a reorder) for someone
 * else's order, an unknown id, or a cart now from another restaurant; no dishes named when Postgres
 * or the menu can't be read (the note is a courtesy).
 */
export async function checkoutAfterReorder(
  customerId: number,
  orderId: string,
  cartRestaurant: string | null,
): Promise<{ leftOut: LeftOutDish[]; orderedPrices: Map<number, number> } | null> {
  try {
    const order = await loadOwnOrder(customerId, orderId);
    if (!order || order.restaurant.slug !== cartRestaurant) return null;
    const { value: menu } = await getRestaurantMenu(order.restaurant.slug).catch(() => ({ value: null }));
    return { leftOut: menu ? dishesLeftOut(order.items, menu) : [], orderedPrices: orderedPrices(order.items) };
  } catch {
    return null;
  }
}
