import 'server-only';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';

import { sessionCookie } from './cookie';
import { lookUpSessionCookie } from './cookie-session';
import { ADMIN_HOME, ADMIN_PATH_HEADER, loginUrl } from './next-path';
import { SessionUnavailableError } from './session-unavailable';

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
 * The signed-in admin, or a redirect to the login page (which then returns to the page asked for).
 * When Redis can't say, it throws SessionUnavailableError instead: the page's error boundary shows
 * "temporarily unavailable" where the admin is, and the admin is not signed out
 * (docs/decisions/022-admins-through-a-slow-redis.md). For server components and route handlers;
 * call it outside any try/catch, since `redirect` throws. `next` overrides the page to return to
 * (the proxy's header is the default).
 */
export async function requireAdmin(next?: string): Promise<AdminSession> {
  const admin = await requireAdminForAction(next);
  if (!admin) throw new SessionUnavailableError();
  return admin;
}

/**
 * For server actions: the signed-in admin, a redirect to the login page when signed out, or null when
 * Redis can't say, so the action can answer "nothing was saved, try again" and the form keeps its values.
 */
export async function requireAdminForAction(next?: string): Promise<AdminSession | null> {
  const lookup = await lookUpAdmin();
  if (lookup.status === 'signed-in') return lookup.admin;
  if (lookup.status === 'unavailable') return null;
  redirect(loginUrl(next ?? (await headers()).get(ADMIN_PATH_HEADER) ?? ADMIN_HOME));
}
