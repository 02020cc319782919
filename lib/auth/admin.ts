import 'server-only';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';

import { sessionCookie } from './cookie';
import { lookUpSessionCookie } from './cookie-session';
import { ADMIN_HOME, ADMIN_PATH_HEADER, loginUrl, safeNextPath } from './next-path';

/** Who is signed in, as admin pages, actions and route handlers see it. */
export interface AdminSession {
  adminId: number;
  email: string;
  name: string;
}

export type AdminLookup =
  | { status: 'signed-in'; admin: AdminSession }
  | { status: 'signed-out' }
  /** Redis could not be asked (after a retry, and with no recent confirmation): the cookie is kept for when it answers. */
  | { status: 'unavailable' };

/**
 * One Redis lookup per request however many layouts, pages and components ask (React `cache`).
 * A layout's check is not enough on its own: a page renders alongside its layout and on client
 * navigation without it, so every admin page, action and route handler calls requireAdmin() too.
 */
export const lookUpAdmin = cache(async (): Promise<AdminLookup> => {
  const lookup = await lookUpSessionCookie(sessionCookie().name, 'admin');
  if (lookup.status !== 'signed-in') return lookup;
  const { adminId, email, name } = lookup.session;
  return { status: 'signed-in', admin: { adminId, email, name } };
});

/** The signed-in admin, or null (also when sessions can't be read right now). */
export async function getAdminSession(): Promise<AdminSession | null> {
  const lookup = await lookUpAdmin();
  return lookup.status === 'signed-in' ? lookup.admin : null;
}

/**
 * The signed-in admin, a redirect to the login page when signed out (which then returns to the page
 * asked for), or null when Redis can't say. Then a page renders <SessionUnavailable> itself (status 200,
 * decision 055) and an action answers "nothing was saved, try again" where the admin is: never the login
 * page, and the cookie is kept (decision 022). A layout's check does not protect the pages under it, so
 * every admin page, action and route handler calls this. Call outside any try/catch, since `redirect`
 * throws; `next` overrides the page to return to (the proxy's header is the default).
 */
export async function requireAdmin(next?: string): Promise<AdminSession | null> {
  const lookup = await lookUpAdmin();
  if (lookup.status === 'signed-in') return lookup.admin;
  if (lookup.status === 'unavailable') return null;
  redirect(loginUrl(next ?? (await adminPagePath())));
}

/** The admin page this request asked for, query included (set by proxy.ts): where "Try again" leads. */
export async function adminPagePath(): Promise<string> {
  return safeNextPath((await headers()).get(ADMIN_PATH_HEADER) ?? ADMIN_HOME);
}
