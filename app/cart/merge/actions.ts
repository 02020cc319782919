'use server';

import { redirect } from 'next/navigation';

import { chooseCart } from '@/lib/cart/sign-in';
import { safeCustomerNext } from '@/lib/customers/next-path';
import { requireCustomer } from '@/lib/customers/session';
import { textField } from '@/lib/http/form';
import { log } from '@/lib/log';

/** Keeps the cart the customer picked ("keep" = guest | customer; anything else changes nothing), then on to `next`. */
export async function keepChosenCart(next: string, form: FormData): Promise<void> {
  const customer = await requireCustomer('/cart/merge');
  const keep = textField(form, 'keep', 16);
  const target = safeCustomerNext(next);
  if (!customer) redirect(`/cart/merge?next=${encodeURIComponent(target)}&failed=1`);
  if (keep === 'guest' || keep === 'customer') {
    try {
      await chooseCart(customer.customerId, keep);
    } catch (error) {
      log.warn('cart choice not saved', { error: error instanceof Error ? error.message : String(error) });
      redirect(`/cart/merge?next=${encodeURIComponent(target)}&failed=1`);
    }
  }
  redirect(target === '/' ? '/account' : target);
}
