import 'server-only';

import { sanitizeNextPath } from '@/lib/http/next-path';

/** Set by proxy.ts on admin requests, so a layout can name the page to come back to after sign-in. */
export const ADMIN_PATH_HEADER = 'x-thali-admin-path';

export const ADMIN_HOME = '/admin';
export const LOGIN_PATH = '/admin/login';

const within = (pathname: string, root: string) => pathname === root || pathname.startsWith(`${root}/`);

/** Where to send an admin after sign-in: a page of the admin other than the login page, else the admin home. */
export function safeNextPath(value: unknown): string {
  return sanitizeNextPath(value, {
    home: ADMIN_HOME,
    accepts: (pathname) => within(pathname, ADMIN_HOME) && !within(pathname, LOGIN_PATH),
  });
}

/** `?notice=` of an admin page an action returned to because Redis could not confirm the session: nothing was done. */
export const SESSION_UNAVAILABLE_NOTICE = 'session-unavailable';

/** The login page, remembering where to return. */
export type LoginNotice = 'signed-out';

const LOGIN_NOTICES: Record<LoginNotice, string> = {
  'signed-out': 'You have signed out.',
};

/** The login page's line for its `?notice=`, or null for anything else. */
export function loginNotice(value: unknown): string | null {
  // Own keys only: `in` also finds __proto__, constructor and the rest of Object.prototype.
  return typeof value === 'string' && Object.hasOwn(LOGIN_NOTICES, value) ? LOGIN_NOTICES[value as LoginNotice] : null;
}

export function loginUrl(next: string, notice?: LoginNotice): string {
  const params = new URLSearchParams();
  const target = safeNextPath(next);
  if (target !== ADMIN_HOME) params.set('next', target);
  if (notice) params.set('notice', notice);
  const query = params.toString();
  return query ? `${LOGIN_PATH}?${query}` : LOGIN_PATH;
}
