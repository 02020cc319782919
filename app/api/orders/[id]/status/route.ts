import { lookUpCustomer } from '@/lib/customers/session';
import { HttpError, jsonRoute } from '@/lib/http/route';
import { log } from '@/lib/log';
import { loadOwnOrderStatus } from '@/lib/orders/queries';
import { isFinalStatus } from '@/lib/orders/status';
import { nudgeQueue } from '@/lib/queue';

const UNAVAILABLE = 'Your order can’t be checked just now. Please try again in a moment.';

/**
 * `{ status }` of one of the signed-in customer's orders, which the order page polls until it is
 * delivered or cancelled and re-renders only when it changes (components/customer/order-status-poller.tsx). 401
 * signed out; 404 for an order that isn't theirs, exactly as for none. Each poll of an order on its
 * way nudges the queue, as the page did, so without a worker its steps still run on time.
 */
export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  const lookup = await lookUpCustomer();
  if (lookup.status === 'unavailable') throw new HttpError(503, UNAVAILABLE);
  if (lookup.status === 'signed-out') throw new HttpError(401, 'Sign in to see your order.');
  const status = await loadOwnOrderStatus(lookup.customer.customerId, id).catch((error: unknown) => {
    log.warn('order status read failed', { error: error instanceof Error ? error.message : String(error) });
    throw new HttpError(503, UNAVAILABLE);
  });
  if (!status) throw new HttpError(404, 'No such order.');
  if (!isFinalStatus(status)) await nudgeQueue();
  return Response.json({ status }, { headers: { 'Cache-Control': 'private, no-store' } });
});
