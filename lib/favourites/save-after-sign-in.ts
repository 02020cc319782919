import 'server-only';

import { log } from '@/lib/log';
import { getRestaurantMenu } from '@/lib/menus/cached';

import { changeFavourite } from './change';
import { restaurantToSave } from './sign-in-intent';

/** For the sign-in page's line: the restaurant a sign-in will save, by name, or null (none, or no such restaurant). */
export async function restaurantSavedAtSignIn(next: string, save: unknown): Promise<{ slug: string; name: string } | null> {
  const target = restaurantToSave(next, save);
  if (!target) return null;
  const { value: menu } = await getRestaurantMenu(target.restaurantSlug).catch(() => ({ value: null }));
  if (!menu || menu.restaurant.city.slug !== target.citySlug) return null;
  return { slug: target.restaurantSlug, name: menu.restaurant.name };
}

/**
 * After a successful sign-in that asked for it: saves the restaurant of the menu it returns to, as
 * the heart would (same checks, same limit). A failure costs the save, never the sign-in: the menu
 * shows the heart unpressed and the customer can tap it.
 */
export async function saveAfterSignIn(customerId: number, next: string, save: unknown): Promise<void> {
  const target = restaurantToSave(next, save);
  if (!target) return;
  try {
    const result = await changeFavourite({ customerId, restaurantSlug: target.restaurantSlug, favourite: 'true' });
    if (!result.ok) log.warn('saving a favourite at sign-in was refused', { error: result.error });
  } catch (error) {
    log.error('saving a favourite at sign-in failed', { error: error instanceof Error ? error.message : String(error) });
  }
}
