import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';

import { ADMIN_PATH_HEADER } from '@/lib/auth/next-path';
import { rateLimitRequest } from '@/lib/ratelimit/proxy';

/**
 * Runs before any page or route renders (Node runtime): rate limits first (lib/ratelimit/policies.ts),
 * then the admin path hint below.
 */
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const limit = await rateLimitRequest(request, event);
  if (limit.kind === 'refused') return limit.response;

  const response = isAdminPath(request.nextUrl.pathname) ? withAdminPath(request) : NextResponse.next();
  if (limit.kind === 'allowed') {
    for (const [name, value] of Object.entries(limit.headers)) response.headers.set(name, value);
  }
  return response;
}

function isAdminPath(pathname: string): boolean {
  return pathname === '/admin' || pathname.startsWith('/admin/') || pathname.startsWith('/api/admin/');
}

/**
 * Not an auth check (every admin page, action and route handler checks the session itself, in
 * lib/auth/admin.ts): it only tells those checks which page was asked for, so the login page can
 * send the admin back there. Set here, it also overwrites any value a client sent.
 */
function withAdminPath(request: NextRequest): NextResponse {
  const url = request.nextUrl.clone();
  // Router-internal cache-busting parameter, not part of the page's address.
  url.searchParams.delete('_rsc');
  const headers = new Headers(request.headers);
  headers.set(ADMIN_PATH_HEADER, `${url.pathname}${url.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything that renders or answers, but not Next's own assets, the favicon or other static files.
  matcher: ['/((?!_next/|favicon\\.ico$|[^?]*\\.(?:ico|png|jpe?g|gif|webp|avif|svg|css|js|map|txt|xml|webmanifest|woff2?)$).*)'],
};
