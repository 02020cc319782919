import { readCartSummary } from '@/lib/cart/count';
import { HttpError, jsonRoute } from '@/lib/http/route';

/**
 * `{ items, restaurant, lines }`: how many dishes this visitor's cart holds, which the header's Cart
 * link asks after load on pages that don't read the cart themselves (components/layout/header-cart-link.tsx;
 * decision 060-header-cart-count), and the cart's restaurant and lines (item id, quantity), which a
 * search's dishes show their steppers from. Private and never stored; a cart Redis can't read is a
 * 503 (the header keeps what it showed).
 */
export const GET = jsonRoute(async () => {
  const cart = await readCartSummary();
  if (cart === null) throw new HttpError(503, 'Your cart can’t be read just now. Please try again in a moment.');
  return Response.json(cart, { headers: { 'Cache-Control': 'private, no-store' } });
});
