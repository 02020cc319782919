'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';

import type { PlaceOrderState } from '@/components/customer/checkout-form';
import { setQuantity } from '@/lib/cart/cart';
import { currentCartOwner } from '@/lib/cart/current';
import { requireCustomer } from '@/lib/customers/session';
import { textField } from '@/lib/http/form';
import { log } from '@/lib/log';
import { placeOrder } from '@/lib/orders/checkout';
import { checkoutFailureMessage } from '@/lib/orders/checkout-failure';
import { clientIdentity } from '@/lib/ratelimit/client-identity';

const CHECKOUT = '/checkout';

/**
 * − / + on the checkout page's cart, the customer's or, signed out, the guest's; 0 removes the line.
 * False when nothing changed (no cart, the session can't be read, Redis did not take it): the page
 * then shows the cart as it is and says so.
 */
export async function changeCheckoutQuantity(itemId: number, quantity: number): Promise<boolean> {
  if (!Number.isSafeInteger(itemId) || !Number.isSafeInteger(quantity)) return false;
  const owner = await currentCartOwner();
  if (!owner) return false;
  let changed = true;
  try {
    await setQuantity(owner, itemId, quantity);
  } catch (error) {
    changed = false;
    log.warn('cart change failed', { error: error instanceof Error ? error.message : String(error) });
  }
  revalidatePath(CHECKOUT);
  return changed;
}

/** The total the page showed beside "Place order", in paise; undefined when absent or not a whole number. */
function expectedTotal(form: FormData): number | undefined {
  const text = textField(form, 'expectedTotalPaise', 16);
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/** Places the order (cash on delivery) and goes to its page; refused, says why and keeps what was sent. */
export async function submitOrder(_previous: PlaceOrderState, form: FormData): Promise<PlaceOrderState> {
  const addressId = Number(textField(form, 'addressId', 12) || 'NaN');
  // One more than allowed, so an over-long text is refused with a message instead of cut silently.
  const instructions = textField(form, 'instructions', 201);
  const refused = (error: string): PlaceOrderState => ({
    error,
    instructions,
    ...(Number.isSafeInteger(addressId) ? { addressId } : {}),
  });
  const customer = await requireCustomer(CHECKOUT);
  if (!customer) return refused('Your order could not be placed just now. Please try again in a moment.');
  let orderId: string;
  try {
    const result = await placeOrder(customer, {
      idempotencyKey: textField(form, 'idempotencyKey', 200),
      addressId,
      instructions,
      expectedTotalPaise: expectedTotal(form),
      // The address's day of orders, whichever customers place them (attack review).
      ip: clientIdentity(await headers()),
    });
    if (result.status !== 'placed') {
      // What the page shows may be stale (an address deleted, or the cart ordered, in another tab):
      // render it again with the message.
      // 'changed': render the cart and bill as they are now, so the next press agrees to those.
      if ((result.status === 'invalid' && result.field === 'address') || result.status === 'busy' || result.status === 'empty' || result.status === 'changed') {
        revalidatePath(CHECKOUT);
      }
      return refused(result.message);
    }
    orderId = result.order.id;
  } catch (error) {
    log.error('checkout failed', { error: error instanceof Error ? error.message : String(error) });
    return refused(checkoutFailureMessage(error));
  }
  revalidatePath(CHECKOUT);
  redirect(`/orders/${orderId}`);
}
