'use server';

import { redirect } from 'next/navigation';

import { requireCustomer } from '@/lib/customers/session';
import { log } from '@/lib/log';
import { cancelOrder, type CancelOutcome } from '@/lib/orders/cancel';
import { reorder } from '@/lib/orders/reorder';
import { isOrderId } from '@/lib/orders/status';

/**
 * Reorder (the order page and /account): the order's dishes into the cart, then checkout (which says
 * which dishes could not be put back, and which cost something else now). An id that
 * can't be an order's goes where an order that isn't theirs does, before it reaches a redirect (a
 * lone surrogate threw in encodeURIComponent; a 30 KB id made a 150 KB header) or a query.
 */
export async function reorderAction(orderId: string): Promise<void> {
  if (!isOrderId(orderId)) redirect('/account');
  const customer = await requireCustomer(`/orders/${encodeURIComponent(orderId)}`);
  if (!customer) redirect(`/orders/${encodeURIComponent(orderId)}?reorder=failed`);
  let result: Awaited<ReturnType<typeof reorder>>;
  try {
    result = await reorder(customer.customerId, orderId);
  } catch (error) {
    log.warn('reorder failed', { error: error instanceof Error ? error.message : String(error) });
    redirect(`/orders/${encodeURIComponent(orderId)}?reorder=failed`);
  }
  if (result.status === 'not-found') redirect('/account');
  if (result.status === 'nothing') redirect(`/orders/${encodeURIComponent(orderId)}?reorder=unavailable`);
  // Checkout names the dishes left out and the prices changed since (lib/orders/reorder.ts checkoutAfterReorder).
  redirect(`/checkout?reordered=${encodeURIComponent(orderId)}`);
}

/**
 * Cancel (the order page, while the order is placed). Posted again (a double click, a stale page
 * after the restaurant accepted, a script) it changes nothing and says why: cancelled already shows
 * the cancelled order, accepted says so (?cancel=too-late). Someone else's order and a malformed id
 * go where an unknown order does (/account), so ids can't be probed; trouble says "try again".
 */
export async function cancelOrderAction(orderId: string): Promise<void> {
  if (!isOrderId(orderId)) redirect('/account');
  const page = `/orders/${encodeURIComponent(orderId)}`;
  const customer = await requireCustomer(page);
  if (!customer) redirect(`${page}?cancel=failed`);
  let result: CancelOutcome;
  try {
    result = await cancelOrder(customer.customerId, orderId);
  } catch (error) {
    log.warn('cancelling an order failed', { error: error instanceof Error ? error.message : String(error) });
    redirect(`${page}?cancel=failed`);
  }
  if (result.status === 'not-found') redirect('/account');
  if (result.status === 'too-late') redirect(`${page}?cancel=too-late`);
  redirect(page);
}
