import { HOUR, keyPrefix } from '@/lib/redis/keys';

/**
 * The cart's Redis keys (lib/cart/cart.ts), beside the code that uses them, with the prefix and
 * hash-tag rules of lib/redis/keys.ts: the owner is the hash tag, so a cart is one slot on a Cluster.
 *
 * A cart belongs to an owner: a signed-in customer (`c<customer id>`: the cart follows them across
 * sessions and devices) or a guest (`g<anonymous id>`, issued on the first ADD: lib/cart/guest.ts).
 */

/** A customer's cart lives this long after its last change. */
export const CART_TTL_MS = 24 * HOUR;
/** A guest's cart is shorter-lived: nobody signed in can come back for it, and the per-address cap bounds how many exist. */
export const GUEST_CART_TTL_MS = 12 * HOUR;

/** 128 random bits, base64url: what a guest id looks like (anything else is ignored). */
export const GUEST_ID = /^[A-Za-z0-9_-]{22}$/;

export type CartOwner = string;

/** How long `owner`'s cart (and what is kept beside it) lives after its last change. */
export const cartTtlMs = (owner: CartOwner): number => (owner.startsWith('g') ? GUEST_CART_TTL_MS : CART_TTL_MS);

export const cartOwners = {
  customer: (customerId: number): CartOwner => `c${customerId}`,
  guest: (guestId: string): CartOwner => `g${guestId}`,
} as const;

export const cartKeys = {
  /**
   * Hash of one owner's cart: `restaurant` → restaurant slug, `item:<slug>:<id>` → quantity, and from
   * its first checkout `generation` → the id its order records (cart.ts cartToOrder).
   */
  cart: (owner: CartOwner) => `${keyPrefix()}cart:v3:{${owner}}`,
  /**
   * String: the checkout holding this cart (`<idempotency key> <random token>`, `SET NX PX`), so that
   * of two submits with different keys (two tabs) only one turns the cart into an order (lib/orders/checkout.ts).
   */
  checkout: (owner: CartOwner) => `${keyPrefix()}cart:v3:{${owner}}:checkout`,
  /**
   * Hash beside the cart: menu item id → the price in paise the menu showed at its last ADD, so
   * checkout (priced from Postgres) can say a price changed since (prices.ts readAddedPrices). Kept apart
   * from the cart's hash, whose field count bounds its lines; the cart's lifetime, renewed with it.
   */
  prices: (owner: CartOwner) => `${keyPrefix()}cart:v3:{${owner}}:prices`,
} as const;
