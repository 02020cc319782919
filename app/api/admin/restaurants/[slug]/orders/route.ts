import { lookUpAdmin } from '@/lib/auth/admin';
import { HttpError, jsonRoute, slugParam } from '@/lib/http/route';
import { listRestaurantOrderStates } from '@/lib/orders/restaurant-orders';

/**
 * `{ orders: [{ id, status }] }`, the restaurant's latest orders as its admin page lists them, which
 * the page polls while visible to say that orders came in or moved on (components/admin/orders-watch.tsx).
 * Admins only; never stored.
 */
export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ slug: string }> }) => {
  const slug = slugParam('restaurant', (await context.params).slug);
  const lookup = await lookUpAdmin();
  if (lookup.status === 'unavailable') throw new HttpError(503, 'Your session can’t be checked just now. Please try again in a moment.');
  if (lookup.status !== 'signed-in') throw new HttpError(401, 'Sign in as an admin to see orders.');
  const orders = await listRestaurantOrderStates(slug);
  return Response.json({ orders }, { headers: { 'Cache-Control': 'private, no-store' } });
});
