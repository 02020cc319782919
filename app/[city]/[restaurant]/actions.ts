'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import type { AddOutcome } from '@/components/customer/add-to-cart';
import type { CheckoutState } from '@/components/customer/cart-summary';
import { addToCart, setQuantity } from '@/lib/cart/cart';
import { getCustomer, requireCustomer } from '@/lib/customers/session';
import { changeFavourite } from '@/lib/favourites/change';
import type { FavouriteFormState } from '@/lib/favourites/types';
import { asForm, textField } from '@/lib/http/form';
import { log } from '@/lib/log';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { isSlug } from '@/lib/menus/slug';
import { placeOrder } from '@/lib/orders/checkout';

/** `/<city>/<restaurant>`: the only paths these actions revalidate or return to (bound values reach the client). */
const MENU_PATH = /^\/[a-z0-9-]+\/[a-z0-9-]+$/;

/** ADD on the menu page: one more of an item, or `conflict` when the cart holds another restaurant's. */
export async function addItem(restaurantSlug: string, itemId: number, replace: boolean): Promise<AddOutcome> {
  const customer = await getCustomer();
  if (!customer) return { status: 'signed-out' };
  if (!isSlug(restaurantSlug) || !Number.isSafeInteger(itemId)) return { status: 'unavailable' };
  const { value: menu } = await getRestaurantMenu(restaurantSlug);
  if (!menu) return { status: 'unavailable' };
  try {
    const result = await addToCart(customer.sessionHash, menu, itemId, { replace: replace === true });
    revalidatePath(`/${menu.restaurant.city.slug}/${menu.restaurant.slug}`);
    if (result.status !== 'conflict') return result;
    const { value: other } = await getRestaurantMenu(result.currentRestaurant);
    return { status: 'conflict', currentRestaurant: other?.restaurant.name ?? result.currentRestaurant };
  } catch {
    return { status: 'error' };
  }
}

/** − / + in the cart summary; 0 removes the line. */
export async function changeQuantity(path: string, itemId: number, quantity: number): Promise<void> {
  const customer = await getCustomer();
  if (!customer || !Number.isSafeInteger(itemId) || !Number.isSafeInteger(quantity)) return;
  await setQuantity(customer.sessionHash, itemId, quantity);
  if (MENU_PATH.test(path)) revalidatePath(path);
}

/**
 * The cart's checkout form. Its hidden key was made when the page rendered, so a double submit
 * places one order (lib/orders/checkout.ts); success goes to the order's page.
 */
export async function checkout(path: string, _previous: CheckoutState, form: FormData): Promise<CheckoutState> {
  const customer = await getCustomer();
  if (!customer) redirect(`/login?next=${encodeURIComponent(MENU_PATH.test(path) ? path : '/')}`);
  let orderId: string;
  try {
    const result = await placeOrder(customer, { idempotencyKey: textField(form, 'idempotencyKey', 200) });
    if (result.status !== 'placed') return { error: result.message };
    orderId = result.order.id;
  } catch (error) {
    log.error('checkout failed', { error: error instanceof Error ? error.message : String(error) });
    return { error: 'Your order could not be placed just now. Please try again in a moment.' };
  }
  if (MENU_PATH.test(path)) revalidatePath(path);
  redirect(`/orders/${orderId}`);
}

/**
 * The heart on the menu page: a form, so a click before the JavaScript loads still posts. It names
 * the state it wants (favourite=true|false), never "flip", so a resubmitted or replayed form changes
 * nothing. Signed out (or the session gone meanwhile): to the login page, then back here.
 */
export async function saveFavourite(
  restaurantSlug: string,
  path: string,
  _previous: FavouriteFormState,
  form: FormData,
): Promise<FavouriteFormState> {
  const customer = await requireCustomer(MENU_PATH.test(path) ? path : '/');
  try {
    const result = await changeFavourite({
      customerId: customer.customerId,
      restaurantSlug,
      favourite: asForm(form).get('favourite'),
    });
    if (!result.ok) return { message: result.message };
    revalidatePath(`/${result.restaurant.citySlug}/${result.restaurant.slug}`);
    return {};
  } catch (error) {
    log.error('saving a favourite failed', { error: error instanceof Error ? error.message : String(error) });
    return { message: 'Your favourite could not be saved just now. Please try again in a moment.' };
  }
}
