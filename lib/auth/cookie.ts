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

/** The customer session cookie: the same attributes, its own name, so the two sign-ins never collide. */
export function customerSessionCookie(env: Env = getEnv()): SessionCookie {
  const { options } = sessionCookie(env);
  return { name: options.secure ? '__Host-thali_customer' : 'thali_customer', options };
}
