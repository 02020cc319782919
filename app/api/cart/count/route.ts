import { readCartCount } from '@/lib/cart/count';
import { HttpError, jsonRoute } from '@/lib/http/route';

/**
 * `{ items }`: how many dishes this visitor's cart holds, which the header's Cart link asks after load
 * on pages that don't read the cart themselves (components/layout/header-cart-link.tsx; decision
 * 060-header-cart-count). Private and never stored; a cart Redis can't read is a 503 (the header keeps
 * what it showed).
 */
export const GET = jsonRoute(async () => {
  const items = await readCartCount();
  if (items === null) throw new HttpError(503, 'Your cart can’t be read just now. Please try again in a moment.');
  return Response.json({ items }, { headers: { 'Cache-Control': 'private, no-store' } });
});
