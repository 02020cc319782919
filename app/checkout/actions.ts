'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import type { AddressFormState } from '@/components/customer/address-form';
import type { PlaceOrderState } from '@/components/customer/checkout-form';
import { saveAddress } from '@/lib/addresses/addresses';
import { setQuantity } from '@/lib/cart/cart';
import { cartOwners } from '@/lib/cart/keys';
import { requireCustomer } from '@/lib/customers/session';
import { textField } from '@/lib/http/form';
import { log } from '@/lib/log';
import { placeOrder } from '@/lib/orders/checkout';

const CHECKOUT = '/checkout';

/** − / + on the checkout page's cart; 0 removes the line. */
export async function changeCheckoutQuantity(itemId: number, quantity: number): Promise<void> {
  const customer = await requireCustomer(CHECKOUT);
  if (!Number.isSafeInteger(itemId) || !Number.isSafeInteger(quantity)) return;
  try {
    await setQuantity(cartOwners.customer(customer.customerId), itemId, quantity);
  } catch (error) {
    log.warn('cart change failed', { error: error instanceof Error ? error.message : String(error) });
  }
  revalidatePath(CHECKOUT);
}

export async function addAddress(_previous: AddressFormState, form: FormData): Promise<AddressFormState> {
  const customer = await requireCustomer(CHECKOUT);
  const input = Object.fromEntries(['label', 'line1', 'line2', 'city', 'pin'].map((name) => [name, textField(form, name, 200)]));
  try {
    const result = await saveAddress(customer.customerId, input);
    if (result.status === 'invalid') return { fieldErrors: result.fieldErrors };
    if (result.status === 'full') return { message: result.message };
  } catch (error) {
    log.error('saving an address failed', { error: error instanceof Error ? error.message : String(error) });
    return { message: 'Your address could not be saved just now. Please try again in a moment.' };
  }
  revalidatePath(CHECKOUT);
  return { saved: true };
}

/** Places the order (cash on delivery) and goes to its page. */
export async function submitOrder(_previous: PlaceOrderState, form: FormData): Promise<PlaceOrderState> {
  const customer = await requireCustomer(CHECKOUT);
  let orderId: string;
  try {
    const result = await placeOrder(customer, {
      idempotencyKey: textField(form, 'idempotencyKey', 200),
      addressId: Number(textField(form, 'addressId', 12) || 'NaN'),
      // One more than allowed, so an over-long text is refused with a message instead of cut silently.
      instructions: textField(form, 'instructions', 201),
    });
    if (result.status !== 'placed') return { error: result.message };
    orderId = result.order.id;
  } catch (error) {
    log.error('checkout failed', { error: error instanceof Error ? error.message : String(error) });
    return { error: 'Your order could not be placed just now. Please try again in a moment.' };
  }
  revalidatePath(CHECKOUT);
  redirect(`/orders/${orderId}`);
}
