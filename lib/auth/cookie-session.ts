import 'server-only';

import { cookies } from 'next/headers';

import { readSession, type FirstSessionRead, type SessionRecord } from './sessions';

export type CookieSessionLookup<Kind extends SessionRecord['kind']> =
  | { status: 'signed-in'; session: Extract<SessionRecord, { kind: Kind }> }
  | { status: 'signed-out' }
  /** Redis could not be asked (after a retry, and with no recent confirmation): the cookie is kept for when it answers. */
  | { status: 'unavailable' };

/**
 * The session a request's cookie names, if it is one of `kind`: the one lookup behind lookUpAdmin and
 * lookUpCustomer (each wraps it in React's `cache`, so a request asks Redis once). `firstRead`: the
 * session's keys already read within a wider MGET (readSession).
 */
export async function lookUpSessionCookie<Kind extends SessionRecord['kind']>(
  cookieName: string,
  kind: Kind,
  firstRead?: FirstSessionRead,
): Promise<CookieSessionLookup<Kind>> {
  const id = (await cookies()).get(cookieName)?.value;
  if (!id) return { status: 'signed-out' };
  const lookup = await readSession(id, { firstRead });
  if (lookup.status === 'unavailable') return { status: 'unavailable' };
  if (lookup.status === 'none' || lookup.session.kind !== kind) return { status: 'signed-out' };
  return { status: 'signed-in', session: lookup.session as Extract<SessionRecord, { kind: Kind }> };
}
