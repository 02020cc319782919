import 'server-only';

import { log } from '@/lib/log';
import { cartWasOrdered } from '@/lib/orders/queries';

import { readCart } from './cart';
import { keepCart, mergeGuestCart } from './refill';
import { dishesIn } from './dishes';
import { currentGuest, forgetGuest } from './guest';
import { cartOwners } from './keys';

export type SignInMerge = 'none' | 'merged' | 'ask';

/**
 * Right after a customer signs in: their guest cart (if this browser has one) moves into their
 * cart. `ask` when the two carts hold different restaurants: both are kept until the customer
 * chooses (/cart/merge). Redis or Postgres trouble never fails the sign-in: the guest cart stays,
 * cookie and all, and the next sign-in tries again.
 */
export async function mergeAtSignIn(customerId: number): Promise<SignInMerge> {
  const guest = await currentGuest();
  if (!guest) return 'none';
  try {
    const result = await mergeGuestCart(guest, cartOwners.customer(customerId), (generation) => cartWasOrdered(customerId, generation));
    if (result.status === 'conflict') return 'ask';
    await forgetGuest();
    return result.status === 'merged' ? 'merged' : 'none';
  } catch (error) {
    log.warn('guest cart not merged at sign-in', { error: error instanceof Error ? error.message : String(error) });
    return 'none';
  }
}

export interface MergeChoice {
  guest: { restaurant: string; count: number };
  customer: { restaurant: string; count: number };
}

/**
 * The two carts the customer is asked to choose between, or null when there is nothing to choose
 * (or Redis can't say: both carts stay, and the next sign-in asks again).
 */
export async function pendingMerge(customerId: number): Promise<MergeChoice | null> {
  const guest = await currentGuest();
  if (!guest) return null;
  const carts = await Promise.all([readCart(guest), readCart(cartOwners.customer(customerId))]).catch(() => null);
  if (!carts) return null;
  const [fromGuest, own] = carts;
  if (fromGuest.restaurant === null || own.restaurant === null || fromGuest.restaurant === own.restaurant) return null;
  return {
    guest: { restaurant: fromGuest.restaurant, count: dishesIn(fromGuest.items) },
    customer: { restaurant: own.restaurant, count: dishesIn(own.items) },
  };
}

/** The customer's answer: which cart to keep. The guest cart and its cookie go either way. */
export async function chooseCart(customerId: number, keep: 'guest' | 'customer'): Promise<void> {
  const guest = await currentGuest();
  if (guest) await keepCart(keep, guest, cartOwners.customer(customerId));
  await forgetGuest();
}
