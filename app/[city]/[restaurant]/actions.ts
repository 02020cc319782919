'use server';

import type { AddOutcome } from '@/components/customer/add-to-cart';
import { addToCart, setQuantity } from '@/lib/cart/cart';
import { currentCartOwner } from '@/lib/cart/current';
import { currentGuest } from '@/lib/cart/guest';
import { cartOwners } from '@/lib/cart/keys';
import { lookUpCustomer, requireCustomer } from '@/lib/customers/session';
import { changeFavourite } from '@/lib/favourites/change';
import { isMenuPath, signInToSaveHref } from '@/lib/favourites/sign-in-intent';
import type { FavouriteFormState } from '@/lib/favourites/types';
import { asForm } from '@/lib/http/form';
import { log } from '@/lib/log';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { isSlug } from '@/lib/menus/slug';
import type { MenuCart } from '@/lib/menus/types';
import { readMenuCart } from '@/lib/menus/visitor';

/**
 * ADD on the menu page: one more of an item, with the cart it leaves (the page shows that, whether it
 * was rendered for this visitor or shared: components/menu/menu-visitor.tsx), or `conflict` when the
 * cart holds another restaurant's. Signed out, into the guest cart of this browser's guest id; with
 * none, `needs-guest`: the page gets one from POST /api/cart/guest and adds again. This action never
 * sets a cookie, since Next answers an action that does with the page rendered for this visitor,
 * swapped in for the shared one (docs/decisions/046).
 */
export async function addItem(restaurantSlug: string, itemId: number, replace: boolean): Promise<AddOutcome> {
  if (!isSlug(restaurantSlug) || !Number.isSafeInteger(itemId)) return { status: 'unavailable' };
  try {
    const { value: menu } = await getRestaurantMenu(restaurantSlug);
    if (!menu) return { status: 'unavailable' };
    const lookup = await lookUpCustomer();
    // A session Redis can't read right now is not a guest: no guest id, no guest cart it would never see.
    if (lookup.status === 'unavailable') return { status: 'error' };
    const owner = lookup.status === 'signed-in' ? cartOwners.customer(lookup.customer.customerId) : await currentGuest();
    if (!owner) return { status: 'needs-guest' };
    const result = await addToCart(owner, menu, itemId, { replace: replace === true });
    if (result.status === 'added') return { ...result, cart: await readMenuCart(owner, menu) };
    if (result.status !== 'conflict') return result;
    const { value: other } = await getRestaurantMenu(result.currentRestaurant);
    return { status: 'conflict', currentRestaurant: other?.restaurant.name ?? result.currentRestaurant };
  } catch (error) {
    log.warn('add to cart failed', { error: error instanceof Error ? error.message : String(error) });
    return { status: 'error' };
  }
}

/**
 * − / + on a dish or in the cart; 0 removes the line. Answers with the cart as `restaurantSlug`'s page
 * shows it, or null when there is none to change or it can't be read (the page then asks again).
 */
export async function changeQuantity(restaurantSlug: string, itemId: number, quantity: number): Promise<MenuCart | null> {
  if (!isSlug(restaurantSlug) || !Number.isSafeInteger(itemId) || !Number.isSafeInteger(quantity)) return null;
  const owner = await currentCartOwner();
  if (!owner) return null;
  try {
    const { value: menu } = await getRestaurantMenu(restaurantSlug);
    if (!menu) return null;
    // The menu's price, which its cart shows, is what checkout's note then compares with.
    await setQuantity(owner, itemId, quantity, undefined, menu);
    return await readMenuCart(owner, menu);
  } catch (error) {
    log.warn('cart change failed', { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

const FAVOURITE_UNAVAILABLE = 'Your favourite could not be saved just now. Please try again in a moment.';

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
  // A tap to save that finds the visitor signed out (their session ended) carries the save through
  // sign-in, as the signed-out heart's link does (lib/favourites/sign-in-intent.ts).
  // Only a menu page is returned to after sign-in (bound values reach the client).
  const menu = isMenuPath(path) ? path : null;
  const wantsSave = menu !== null && asForm(form).get('favourite') === 'true';
  const customer = await requireCustomer(menu ?? '/', wantsSave ? signInToSaveHref(menu) : undefined);
  if (!customer) return { message: FAVOURITE_UNAVAILABLE };
  try {
    const result = await changeFavourite({
      customerId: customer.customerId,
      restaurantSlug,
      favourite: asForm(form).get('favourite'),
    });
    if (!result.ok) return { message: result.message };
    // No revalidatePath: on a shared page it would render this visitor a page of their own. A form
    // posted before the JavaScript loaded gets the page rendered afresh anyway.
    return { saved: { favourited: result.favourited, count: result.count } };
  } catch (error) {
    log.error('saving a favourite failed', { error: error instanceof Error ? error.message : String(error) });
    return { message: FAVOURITE_UNAVAILABLE };
  }
}
