import 'server-only';

import { getEnv, type Env } from '@/lib/env';

/**
 * The admin session cookie. `Secure` whenever the app runs in production, with the `__Host-` prefix
 * that makes the browser refuse a version set by a subdomain or over plain http.
 *
 * Plain-http loopback needs no exception: Chromium (156 checked) treats http://127.0.0.1 and
 * http://localhost as secure origins and keeps Secure and `__Host-` cookies there, which is how the
 * e2e suite signs in against `next start`. Anywhere else production must be served over https:
 * over plain http a browser drops the cookie and sign-in appears to do nothing. Development
 * (`next dev`) sends no Secure flag, so a phone on the LAN can sign in to a laptop's dev server.
 */
export interface SessionCookie {
  name: string;
  options: { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/' };
}

export function sessionCookie(env: Env = getEnv()): SessionCookie {
  const secure = env.NODE_ENV === 'production';
  return {
    name: secure ? '__Host-thali_admin' : 'thali_admin',
    // No Max-Age: the cookie ends with the browser; Redis's sliding TTL decides everything else.
    options: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
  };
}

/**
 * The guest cart's id (lib/cart/guest.ts): `__Host-` in production, as the session and device cookies
 * are. Without the prefix a sibling subdomain, or anyone on the network before HSTS is cached (a
 * plain-http response), could plant their own valid guest id, see and change what the visitor adds,
 * and have it merged into the visitor's cart at sign-in. Here, beside the others, so the proxy's
 * page-cache check needs none of guest.ts's dependencies.
 */
export function guestCookieName(env: Env = getEnv()): string {
  return sessionCookie(env).options.secure ? '__Host-thali_guest' : 'thali_guest';
}

/** The customer session cookie: the same attributes, its own name, so the two sign-ins never collide. */
export function customerSessionCookie(env: Env = getEnv()): SessionCookie {
  const { options } = sessionCookie(env);
  return { name: options.secure ? '__Host-thali_customer' : 'thali_customer', options };
}
