'use server';

import { redirect } from 'next/navigation';

import { requireCustomer } from '@/lib/customers/session';
import { log } from '@/lib/log';
import { reorder } from '@/lib/orders/reorder';

/** Reorder (the order page and /account): the order's dishes into the cart, then checkout. */
export async function reorderAction(orderId: string): Promise<void> {
  const customer = await requireCustomer(`/orders/${encodeURIComponent(orderId)}`);
  let result: Awaited<ReturnType<typeof reorder>>;
  try {
    result = await reorder(customer.customerId, orderId);
  } catch (error) {
    log.warn('reorder failed', { error: error instanceof Error ? error.message : String(error) });
    redirect(`/orders/${encodeURIComponent(orderId)}?reorder=failed`);
  }
  if (result.status === 'not-found') redirect('/account');
  if (result.status === 'nothing') redirect(`/orders/${encodeURIComponent(orderId)}?reorder=unavailable`);
  redirect('/checkout');
}
