import 'server-only';

import { lookUpCustomer } from '@/lib/customers/session';

import { readCart } from './cart';
import { cartOwnerOf } from './current';
import { dishesIn } from './dishes';

/**
 * What GET /api/cart/count answers: how many dishes the cart holds (the header's count), and its
 * restaurant and lines (item ids and quantities, no prices), so a search's dishes already in the
 * cart show their − / + rather than ADD. The same one HGETALL either way.
 */
export interface CartSummary {
  items: number;
  restaurant: string | null;
  lines: { itemId: number; quantity: number }[];
}

/**
 * This request's visitor's cart, summed up: empty with no cart or owner, null when Redis can't say
 * (the session that says whose cart it is, or the cart itself). One HGETALL, and the session's lookup
 * when signed in; no Postgres.
 */
export async function readCartSummary(): Promise<CartSummary | null> {
  // One lookup: React's `cache` does not memoize in a route handler, so asking currentCartOwner()
  // after it read the session a second time (3 more commands per page view, signed in).
  const lookup = await lookUpCustomer();
  if (lookup.status === 'unavailable') return null;
  const owner = await cartOwnerOf(lookup);
  if (!owner) return { items: 0, restaurant: null, lines: [] };
  try {
    const cart = await readCart(owner);
    return { items: dishesIn(cart.items), restaurant: cart.restaurant, lines: cart.items };
  } catch {
    return null;
  }
}
