import 'server-only';

import { getCustomer } from '@/lib/customers/session';

import { currentGuest } from './guest';
import { cartOwners, type CartOwner } from './keys';

/** Whose cart this request reads: the signed-in customer's, else the guest's (if an ADD issued one), else none. */
export async function currentCartOwner(): Promise<CartOwner | null> {
  const customer = await getCustomer();
  if (customer) return cartOwners.customer(customer.customerId);
  return currentGuest();
}
