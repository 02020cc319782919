import { customerSessionCookie } from '@/lib/auth/cookie';
import { GUEST_COOKIE_NAME } from '@/lib/cart/guest';
import { pageCacheEnabled } from '@/lib/env';

import { sharedPageAt, sharedPathOf } from './paths';

/**
 * Which requests the proxy answers with a shared page (docs/decisions/046): a GET of home, a city or
 * a menu with no query (filters and searches render per request). Home and the city pages show
 * nothing of the visitor; a menu page shows the visitor's cart and heart, so it is shared only with
 * visitors who have neither a customer session nor a guest cart. Whether such a cookie is genuine
 * does not matter here: any of them sends the request to the per-request page, which checks it.
 */
export function sharedRewriteOf(request: {
  method: string;
  pathname: string;
  searchParams: URLSearchParams;
  hasCookie: (name: string) => boolean;
}): string | null {
  if (!pageCacheEnabled() || (request.method !== 'GET' && request.method !== 'HEAD')) return null;
  // `_rsc` is the router's cache-busting parameter, not part of the page's address.
  for (const name of request.searchParams.keys()) if (name !== '_rsc') return null;
  const page = sharedPageAt(request.pathname);
  if (!page) return null;
  if (page.kind === 'menu' && [customerSessionCookie().name, GUEST_COOKIE_NAME].some(request.hasCookie)) return null;
  return sharedPathOf(page);
}

/** What a shared page's response says to caches: only the browser may keep it, and must ask again before use. */
export const SHARED_PAGE_CACHE_CONTROL = 'private, no-cache';
