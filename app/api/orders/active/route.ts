import { lookUpCustomer } from '@/lib/customers/session';
import { HttpError, jsonRoute } from '@/lib/http/route';
import { log } from '@/lib/log';
import { loadOwnActiveOrderStates } from '@/lib/orders/queries';
import { nudgeQueue } from '@/lib/queue';

const UNAVAILABLE = 'Your orders can’t be checked just now. Please try again in a moment.';

/**
 * `{ orders: [{ id, status }] }`: the signed-in customer's orders still on their way among the latest
 * ones /account lists, which that page polls (components/customer/active-orders-poller.tsx) in one
 * request however many there are, and renders again when they differ from the ones it shows. Review:
 * a poller per order, each asking every 10 s and each nudging the queue, was 6×N requests a minute.
 * 401 signed out, 503 when the session or the orders can't be read (the page keeps what it shows).
 * One queue nudge per poll while any is on its way, as the order page's poll does.
 */
export const GET = jsonRoute(async () => {
  const lookup = await lookUpCustomer();
  if (lookup.status === 'unavailable') throw new HttpError(503, UNAVAILABLE);
  if (lookup.status === 'signed-out') throw new HttpError(401, 'Sign in to see your orders.');
  const active = await loadOwnActiveOrderStates(lookup.customer.customerId).catch((error: unknown) => {
    log.warn('active orders read failed', { error: error instanceof Error ? error.message : String(error) });
    throw new HttpError(503, UNAVAILABLE);
  });
  if (active.length > 0) await nudgeQueue();
  return Response.json({ orders: active }, { headers: { 'Cache-Control': 'private, no-store' } });
});
