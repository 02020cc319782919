import 'server-only';

import { readCart } from './cart';
import { currentGuest } from './guest';

/**
 * True when this signed-out visitor certainly has nothing to check out: no guest cart id, or one whose
 * cart is empty. False when the cart can't be read (Redis away), so the caller keeps its usual path.
 */
export async function guestHasNoCart(): Promise<boolean> {
  const guest = await currentGuest();
  if (guest === null) return true;
  try {
    return (await readCart(guest)).items.length === 0;
  } catch {
    return false;
  }
}
