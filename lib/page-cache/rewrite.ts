import { customerSessionCookie, guestCookieName } from '@/lib/auth/cookie';
import { pageCacheEnabled } from '@/lib/env';

import { sharedPageAt, sharedPathOf } from './paths';
import { VISITOR_HINT_COOKIE } from './visitor-hint';

/**
 * Which requests the proxy answers with a shared page (docs/decisions/046): a GET of home, a city or
 * a menu with no query (filters and searches render per request). None of them shows anything of
 * the visitor: a menu page's cart and heart come from GET /api/restaurants/<slug>/visitor after load.
 */
export function sharedRewriteOf(request: { method: string; pathname: string; searchParams: URLSearchParams }): string | null {
  if (!pageCacheEnabled() || (request.method !== 'GET' && request.method !== 'HEAD')) return null;
  // `_rsc` is the router's cache-busting parameter, not part of the page's address.
  for (const name of request.searchParams.keys()) if (name !== '_rsc') return null;
  const page = sharedPageAt(request.pathname);
  return page ? sharedPathOf(page) : null;
}

/** What a shared page's response says to caches: only the browser may keep it, and must ask again before use. */
export const SHARED_PAGE_CACHE_CONTROL = 'private, no-cache';

/**
 * The change a response makes to the visitor hint (./visitor-hint.ts): set while the request carries a
 * customer session or a guest cart, removed once it carries neither. Whether those cookies are genuine
 * does not matter: the hint only makes the page ask, and the answer checks them.
 */
export function visitorHintChange(hasCookie: (name: string) => boolean): 'set' | 'delete' | null {
  const own = [customerSessionCookie().name, guestCookieName()].some(hasCookie);
  const hinted = hasCookie(VISITOR_HINT_COOKIE);
  return own === hinted ? null : own ? 'set' : 'delete';
}
