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
 * and of its address block, an hour's and a day's. The signed value carries when it was issued, and
 * names a cart only for the cookie's lifetime (GUEST_CART_TTL_MS): each ADD extends the cart's TTL, so
 * a script that kept the values could otherwise keep every cart it was ever issued alive, without end.
 * A cart so outlives its id by up to a day, and the day's budget bounds how many one address holds
 * at once (docs/decisions/066).
 */

/** Issued at (ms, base 36) after the id: the signed value is `<id>~<issued at>`. */
const ISSUED_AT = '~';
/** A value issued this far ahead of this instance's clock is still taken (another instance's clock). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The id a signed guest value names, while it is within its lifetime; null otherwise. */
function liveGuestId(value: string | null, now: number): string | null {
  if (value === null) return null;
  const [id = '', issued = '', ...rest] = value.split(ISSUED_AT);
  if (rest.length > 0 || !GUEST_ID.test(id) || !/^[0-9a-z]{1,11}$/.test(issued)) return null;
  const age = now - parseInt(issued, 36);
  return age < GUEST_CART_TTL_MS && age > -CLOCK_SKEW_MS ? id : null;
}

function guestCookieOptions() {
  const { options } = sessionCookie();
  return { ...options, maxAge: GUEST_CART_TTL_MS / 1000 };
}

/** The guest cart's owner named by this request's cookie, or null (none, made up or altered). */
export async function currentGuest(): Promise<CartOwner | null> {
  const id = liveGuestId(unsign('guest-cart', (await cookies()).get(guestCookieName())?.value), Date.now());
  return id === null ? null : cartOwners.guest(id);
}

export type GuestIssue = { status: 'issued'; owner: CartOwner } | { status: 'rate-limited' };

/** This visitor's guest cart owner, issuing an id (and its cookie) when there is none yet. */
export async function guestForAdd(): Promise<GuestIssue> {
  const known = await currentGuest();
  if (known) return { status: 'issued', owner: known };
  const client = clientIdentity(await headers());
  const within = (await withinAddressBudget('cart:new-guest', client)) && (await withinAddressBudget('cart:new-guest:day', client));
  if (!within) return { status: 'rate-limited' };
  const id = randomBytes(16).toString('base64url');
  (await cookies()).set(guestCookieName(), sign('guest-cart', `${id}${ISSUED_AT}${Date.now().toString(36)}`), guestCookieOptions());
  return { status: 'issued', owner: cartOwners.guest(id) };
}

/** After the guest cart has moved into the customer's (or been dropped). */
export async function forgetGuest(): Promise<void> {
  const { maxAge: _unused, ...options } = guestCookieOptions();
  void _unused;
  (await cookies()).delete({ name: guestCookieName(), ...options });
}
