import 'server-only';

import { refillCart } from '@/lib/cart/cart';
import { cartOwners } from '@/lib/cart/keys';
import { getRestaurantMenu } from '@/lib/menus/cached';

import { loadOwnOrder } from './queries';

export type ReorderResult = { status: 'filled'; lines: number } | { status: 'not-found' } | { status: 'nothing'; message: string };

/**
 * "Reorder": the customer's cart becomes this past order's dishes that the restaurant still serves
 * (prices are today's: checkout reads them from Postgres again). Replaces what the cart held.
 */
export async function reorder(customerId: number, orderId: string): Promise<ReorderResult> {
  const order = await loadOwnOrder(customerId, orderId);
  if (!order) return { status: 'not-found' };
  const { value: menu } = await getRestaurantMenu(order.restaurant.slug);
  if (!menu) return { status: 'nothing', message: `${order.restaurant.name} is no longer on Thali.` };
  if (!menu.restaurant.isOpen) return { status: 'nothing', message: `${order.restaurant.name} is closed right now: try again when it opens.` };
  const lines = order.items.flatMap((item) => (item.menuItemId === null ? [] : [{ itemId: item.menuItemId, quantity: item.quantity }]));
  const filled = await refillCart(cartOwners.customer(customerId), menu, lines);
  if (filled === 0) return { status: 'nothing', message: `None of these dishes is on ${order.restaurant.name}'s menu right now.` };
  return { status: 'filled', lines: filled };
}
