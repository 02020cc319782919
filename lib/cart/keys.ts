import { DAY, keyPrefix } from '@/lib/redis/keys';

/** The cart's key (lib/redis/keys.ts has the rules). Not cache: a session's hash tag keeps its cart in one slot. */

/** A cart lives this long after its last change. */
export const CART_TTL_MS = DAY;

export const cartKeys = {
  /** Hash of one session's cart: `restaurant` → restaurant slug, `item:<slug>:<id>` → quantity (lib/cart/cart.ts). */
  cart: (sessionHash: string) => `${keyPrefix()}cart:v2:{${sessionHash}}`,
} as const;
