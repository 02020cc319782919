import 'server-only';

import { lookUpCustomer, type CustomerLookup } from '@/lib/customers/session';

import { currentGuest } from './guest';
import { cartOwners, type CartOwner } from './keys';

/**
 * Whose cart this request reads: the signed-in customer's, else the guest's (if an ADD issued one), else
 * none. None too when the session can't be read (Redis away): a signed-in customer is never taken for a guest.
 */
export async function currentCartOwner(): Promise<CartOwner | null> {
  return cartOwnerOf(await lookUpCustomer());
}

/**
 * The cart owner for a session lookup already made: in a route handler or an action React's `cache`
 * does not memoize, so a caller that needs the lookup itself passes it here rather than look up twice.
 */
export async function cartOwnerOf(lookup: CustomerLookup): Promise<CartOwner | null> {
  if (lookup.status === 'signed-in') return cartOwners.customer(lookup.customer.customerId);
  if (lookup.status === 'unavailable') return null;
  return currentGuest();
}
