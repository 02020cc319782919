import 'server-only';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';

import { sessionCookie } from './cookie';
import { ADMIN_HOME, ADMIN_PATH_HEADER, loginUrl } from './next-path';
import { readSession } from './sessions';

/** Who is signed in, as admin pages, actions and route handlers see it. */
export interface AdminSession {
  adminId: number;
  email: string;
  name: string;
}

export type AdminLookup =
  | { status: 'signed-in'; admin: AdminSession }
  | { status: 'signed-out' }
  /** Redis could not be asked: treated as signed out, but the cookie is kept for when it answers. */
  | { status: 'unavailable' };

/**
 * One Redis lookup per request however many layouts, pages and components ask (React `cache`).
 * A layout's check is not enough on its own: a page renders alongside its layout and on client
 * navigation without it, so every admin page, action and route handler calls requireAdmin() too.
 */
export const lookUpAdmin = cache(async (): Promise<AdminLookup> => {
  const id = (await cookies()).get(sessionCookie().name)?.value;
  if (!id) return { status: 'signed-out' };
  const lookup = await readSession(id);
  if (lookup.status === 'unavailable') return { status: 'unavailable' };
  if (lookup.status === 'none' || lookup.session.kind !== 'admin') return { status: 'signed-out' };
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
 * For server components, server actions and route handlers; call it outside any try/catch, since
 * `redirect` throws. `next` overrides the page to return to (the proxy's header is the default).
 */
export async function requireAdmin(next?: string): Promise<AdminSession> {
  const lookup = await lookUpAdmin();
  if (lookup.status === 'signed-in') return lookup.admin;
  const back = next ?? (await headers()).get(ADMIN_PATH_HEADER) ?? ADMIN_HOME;
  redirect(loginUrl(back, lookup.status === 'unavailable' ? 'unavailable' : undefined));
}
