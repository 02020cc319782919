import 'server-only';

import { randomBytes } from 'node:crypto';

import { cartKeys, type CartOwner } from '@/lib/cart/keys';
import { log } from '@/lib/log';
import type { RedisStore } from '@/lib/redis/types';

/*
 * One cart, one order: a checkout claims its cart (SET NX PX) from reading it until it is cleared,
 * so a second tab's submit is told "busy" instead of ordering the same cart again (checkout.ts says
 * how Postgres settles what a lost claim lets through).
 */

/**
 * How long a checkout's claim on the cart outlives a process that died holding it. Well above what a
 * checkout can take (a handful of statements, each bounded by the statement timeout + 1 s, 6 s by
 * default), so a live checkout never loses its claim; short enough that a crash blocks the cart briefly.
 */
export const CHECKOUT_CLAIM_TTL_MS = 60_000;

/**
 * The claim a submit goes on under (its value): its own (`held`), or the one another submit of its
 * key holds (a double click, or its own earlier submit whose SET landed but whose answer was lost).
 */
export type Claim = { value: string; held: boolean };

/**
 * Claims `owner`'s cart for this checkout: SET NX PX with `<idempotency key> <random token>`. Held by
 * another submit of the same key: go on without owning it (the order's unique indexes decide between
 * them). Held under another key: 'busy'.
 */
export async function claimCart(store: RedisStore, owner: CartOwner, idempotencyKey: string): Promise<Claim | 'busy'> {
  const key = cartKeys.checkout(owner);
  const token = `${idempotencyKey} ${randomBytes(9).toString('base64url')}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    let claimed: boolean;
    try {
      claimed = await store.set(key, token, { nx: true, px: CHECKOUT_CLAIM_TTL_MS });
    } catch (error) {
      // The SET may have landed and only its answer been lost (a timeout): take it back, or the cart
      // stays "busy" for the claim's minute. Should this fail too, the key's retry frees it (placeOrder).
      await store.delifeq(key, token).catch(() => false);
      throw error;
    }
    if (claimed) return { value: token, held: true };
    const holder = await store.get(key);
    if (holder === null) continue; // released between the two commands: claim again
    return holder.split(' ')[0] === idempotencyKey ? { value: holder, held: false } : 'busy';
  }
  return 'busy';
}

/**
 * Gives the claim back if it is still the one this submit went on under, in one step (DELIFEQ). A
 * checkout that outlived its claim (a stalled process, a Redis that lost the key) may find another
 * tab's claim in its place, and must leave that one alone: a GET then DEL deleted it when it changed
 * hands between the two. Another submit's claim (same key) is left to that submit while it may still
 * be working, and freed once this one's order is placed and the cart cleared (`placed`): it may be a
 * claim whose owner is gone (a SET whose answer was lost), which would hold the customer's next cart
 * "busy" for its minute. A failure here is logged: the claim then lapses after its TTL.
 */
export async function releaseCart(store: RedisStore, owner: CartOwner, claim: Claim, placed = false): Promise<void> {
  if (!claim.held && !placed) return;
  try {
    await store.delifeq(cartKeys.checkout(owner), claim.value);
  } catch (error) {
    log.warn('checkout: the cart claim could not be released; it expires on its own', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
