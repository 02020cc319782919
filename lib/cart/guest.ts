import 'server-only';

import { randomBytes } from 'node:crypto';

import { cookies, headers } from 'next/headers';

import { guestCookieName, sessionCookie } from '@/lib/auth/cookie';
import { withinAddressBudget } from '@/lib/ratelimit/address-budgets';
import { clientIdentity } from '@/lib/ratelimit/client-identity';
import { sign, unsign } from '@/lib/security/signed';

import { cartOwners, GUEST_CART_TTL_MS, GUEST_ID, type CartOwner } from './keys';

/**
 * The anonymous id behind a signed-out visitor's cart. Issued by POST /api/cart/guest, which the menu
 * page calls before a first ADD, never by a page view (pages send no Set-Cookie and stay cacheable)
 * nor by the ADD's action (docs/decisions/046). The cookie carries the id
 * with its MAC (lib/security/signed.ts): only ids this server issued name a cart, so nobody can
 * write into a cart they guessed, and each new id passes the `cart:new-guest` limits of the address
 * and of its address block.
 */

function guestCookieOptions() {
  const { options } = sessionCookie();
  return { ...options, maxAge: GUEST_CART_TTL_MS / 1000 };
}

/** The guest cart's owner named by this request's cookie, or null (none, made up or altered). */
export async function currentGuest(): Promise<CartOwner | null> {
  const id = unsign('guest-cart', (await cookies()).get(guestCookieName())?.value);
  return id !== null && GUEST_ID.test(id) ? cartOwners.guest(id) : null;
}

export type GuestIssue = { status: 'issued'; owner: CartOwner } | { status: 'rate-limited' };

/** This visitor's guest cart owner, issuing an id (and its cookie) when there is none yet. */
export async function guestForAdd(): Promise<GuestIssue> {
  const known = await currentGuest();
  if (known) return { status: 'issued', owner: known };
  if (!(await withinAddressBudget('cart:new-guest', clientIdentity(await headers())))) return { status: 'rate-limited' };
  const id = randomBytes(16).toString('base64url');
  (await cookies()).set(guestCookieName(), sign('guest-cart', id), guestCookieOptions());
  return { status: 'issued', owner: cartOwners.guest(id) };
}

/** After the guest cart has moved into the customer's (or been dropped). */
export async function forgetGuest(): Promise<void> {
  const { maxAge: _unused, ...options } = guestCookieOptions();
  void _unused;
  (await cookies()).delete({ name: guestCookieName(), ...options });
}
