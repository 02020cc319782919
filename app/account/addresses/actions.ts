'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import type { AddressFormState } from '@/components/customer/address-form';
import { saveAddress } from '@/lib/addresses/addresses';
import { deleteAddress, updateAddress } from '@/lib/addresses/edit';
import { ADDRESS_FIELDS, addressReturnPath, type AddressNotice } from '@/lib/addresses/form';
import { requireCustomer } from '@/lib/customers/session';
import { textField } from '@/lib/http/form';
import { log } from '@/lib/log';

/**
 * Saved addresses: add (checkout and /account), edit and delete. Each action checks the session
 * itself, and the lib functions touch only the signed-in customer's rows. Rate limited with every
 * other action by the proxy's page budget (lib/ratelimit/policies.ts).
 */

const UNAVAILABLE = 'Your address could not be saved just now. Please try again in a moment.';

function addressInput(form: FormData): Record<string, string> {
  // 200 is above every field's limit, so an over-long value is refused with a message, not cut.
  return Object.fromEntries(ADDRESS_FIELDS.map((name) => [name, textField(form, name, 200)]));
}

function revalidateAddressPages(): void {
  revalidatePath('/checkout');
  revalidatePath('/account');
}

export async function addAddress(_previous: AddressFormState, form: FormData): Promise<AddressFormState> {
  const customer = await requireCustomer(addressReturnPath(textField(form, 'from', 20)));
  const input = addressInput(form);
  if (!customer) return { message: UNAVAILABLE, values: input };
  try {
    const result = await saveAddress(customer.customerId, input);
    if (result.status === 'invalid') return { fieldErrors: result.fieldErrors, values: input };
    if (result.status === 'full') return { message: result.message, values: input };
  } catch (error) {
    log.error('saving an address failed', { error: error instanceof Error ? error.message : String(error) });
    return { message: UNAVAILABLE, values: input };
  }
  revalidateAddressPages();
  return { saved: true };
}

/** The edit form: the address's id and fields; back to the page it came from (checkout or /account). */
export async function editAddress(_previous: AddressFormState, form: FormData): Promise<AddressFormState> {
  const back = addressReturnPath(textField(form, 'from', 20));
  const customer = await requireCustomer(back);
  const input = addressInput(form);
  if (!customer) return { message: UNAVAILABLE, values: input };
  let notice: AddressNotice;
  try {
    const result = await updateAddress(customer.customerId, textField(form, 'addressId', 20), input);
    if (result.status === 'invalid') return { fieldErrors: result.fieldErrors, values: input };
    notice = result.status === 'saved' ? 'saved' : 'not-found';
  } catch (error) {
    log.error('editing an address failed', { error: error instanceof Error ? error.message : String(error) });
    return { message: UNAVAILABLE, values: input };
  }
  revalidateAddressPages();
  redirect(`${back}?address=${notice}`);
}

/** A plain form POST (works without JavaScript); the result is a notice on the page it returns to. */
export async function removeAddress(form: FormData): Promise<void> {
  const back = addressReturnPath(textField(form, 'from', 20));
  const customer = await requireCustomer(back);
  if (!customer) redirect(`${back}?address=failed`);
  let notice: AddressNotice;
  try {
    const result = await deleteAddress(customer.customerId, textField(form, 'addressId', 20));
    notice = result.status === 'deleted' ? 'deleted' : 'not-found';
  } catch (error) {
    log.error('deleting an address failed', { error: error instanceof Error ? error.message : String(error) });
    notice = 'failed';
  }
  revalidateAddressPages();
  redirect(`${back}?address=${notice}`);
}
