import type { MenuCart } from '@/lib/menus/types';

/**
 * How many dishes cart lines hold, quantities summed: "2 items", the header's count. Pure, so the
 * server (a cart read from Redis, checkout's lines) and the browser (a menu page's cart) count alike.
 */
export function dishesIn(lines: readonly { quantity: number }[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** Dishes in a menu page's view of the cart: this restaurant's lines, or those of the cart it holds elsewhere. */
export function dishesInMenuCart(cart: MenuCart): number {
  return cart.elsewhere ? cart.elsewhere.items : dishesIn(cart.lines);
}
