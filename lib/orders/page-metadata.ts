import 'server-only';

import type { Metadata } from 'next';
import { cache } from 'react';

import { getCustomer } from '@/lib/customers/session';
import { NOT_FOUND_METADATA } from '@/lib/menus/page-metadata';

import { loadOwnOrder } from './queries';
import { isOrderId } from './status';

/** One order's read per request, shared by the page and its metadata (React `cache`). */
export const loadOwnOrderOnce = cache((customerId: number, orderId: string) => loadOwnOrder(customerId, orderId));

const ORDER_METADATA: Metadata = { title: 'Your order', robots: { index: false } };

/**
 * The order page's title: "Page not found" for an id that is not one of the customer's orders, as
 * the 404 of a city or menu says (the streamed metadata would otherwise keep "Your order" on the
 * 404). Signed out, or the session or order can't be read, the page decides (sign-in or an error):
 * its plain title.
 */
export async function orderPageMetadata(orderId: string): Promise<Metadata> {
  if (!isOrderId(orderId)) return NOT_FOUND_METADATA;
  const customer = await getCustomer();
  if (!customer) return ORDER_METADATA;
  const order = await loadOwnOrderOnce(customer.customerId, orderId).catch(() => undefined);
  return order === null ? NOT_FOUND_METADATA : ORDER_METADATA;
}
