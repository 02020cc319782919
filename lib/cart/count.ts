import 'server-only';

import { lookUpCustomer } from '@/lib/customers/session';

import { readCart } from './cart';
import { cartOwnerOf } from './current';
import { dishesIn } from './dishes';

/**
 * How many dishes this request's visitor has in their cart, for the header's count (GET
 * /api/cart/count): 0 with no cart or owner, null when Redis can't say (the session that says whose
 * cart it is, or the cart itself). One HGETALL, and the session's lookup when signed in; no Postgres.
 */
export async function readCartCount(): Promise<number | null> {
  // One lookup: React's `cache` does not memoize in a route handler, so asking currentCartOwner()
  // after it read the session a second time (3 more commands per page view, signed in).
  const lookup = await lookUpCustomer();
  if (lookup.status === 'unavailable') return null;
  const owner = await cartOwnerOf(lookup);
  if (!owner) return 0;
  try {
    return dishesIn((await readCart(owner)).items);
  } catch {
    return null;
  }
}
