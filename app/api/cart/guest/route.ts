import { cookies } from 'next/headers';

import { customerSessionCookie } from '@/lib/auth/cookie';
import { guestForAdd } from '@/lib/cart/guest';
import { lookUpCustomer } from '@/lib/customers/session';
import { jsonError } from '@/lib/http/json';
import { HttpError, jsonRoute } from '@/lib/http/route';
import { isSameOrigin } from '@/lib/http/same-origin';
import { visitorHintCookie } from '@/lib/page-cache/visitor-hint';

/**
 * Issues this browser's guest cart id (lib/cart/guest.ts) before its first ADD, which the menu page
 * asks for when its visitor hint says it has neither a cart nor a session. A route, not the ADD's
 * server action: an action that sets a cookie makes Next render the page for this visitor in its
 * answer, the very render a shared page saves (docs/decisions/046). 204: the browser has an id (or a
 * session) now; 429: this address has started its share of guest carts this hour or this day.
 */
export const POST = jsonRoute(async (request: Request) => {
  // Only this site's own pages: another site could otherwise spend its visitors' share of guest carts.
  if (!isSameOrigin(request)) throw new HttpError(403, 'Guest carts are started from this site’s menu pages.');
  const lookup = await lookUpCustomer();
  if (lookup.status === 'unavailable') throw new HttpError(503, 'Your cart can’t be reached just now. Please try again in a moment.');
  if (lookup.status !== 'signed-in') {
    const guest = await guestForAdd();
    if (guest.status === 'rate-limited') return jsonError(429, 'Sign in to add to your cart: this network has started many carts lately.');
  }
  // Shared menu pages ask for this browser's cart from now on: a new id's, or one (or a session) it had without the hint.
  const hint = visitorHintCookie(customerSessionCookie().options.secure);
  (await cookies()).set(hint.name, hint.value, hint.options);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
