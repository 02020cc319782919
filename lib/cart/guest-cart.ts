import 'server-only';

import { readCart, type Cart } from './cart';
import type { CartOwner } from './keys';
import { currentGuest } from './guest';

export type GuestCart = { status: 'none' } | { status: 'unavailable' } | { status: 'cart'; cart: Cart; owner: CartOwner };

/**
 * What a signed-out visitor has to check out: `none` (no guest id, or an empty cart), their cart, or
 * `unavailable` when Redis can't read it (the cart is kept: the page says so, never a 500).
 */
export async function readGuestCart(): Promise<GuestCart> {
  const guest = await currentGuest();
  if (guest === null) return { status: 'none' };
  try {
    const cart = await readCart(guest);
    return cart.items.length === 0 ? { status: 'none' } : { status: 'cart', cart, owner: guest };
  } catch {
    return { status: 'unavailable' };
  }
}
