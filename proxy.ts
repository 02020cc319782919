import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';

import { customerSessionCookie } from '@/lib/auth/cookie';
import { ADMIN_PATH_HEADER } from '@/lib/auth/next-path';
import { getEnv } from '@/lib/env';
import { actionBodyRefusal, isActionPost } from '@/lib/http/action-body';
import { isHttps } from '@/lib/http/https';
import { plainPathOf } from '@/lib/http/plain-path';
import { refusalResponse, requestRefusal, type Refusal } from '@/lib/http/request-checks';
import { isAdminPath, newNonce, pagePolicyFor, securityHeaders } from '@/lib/http/security-headers';
import { canonicalAddressOf } from '@/lib/page-cache/canonical';
import { joinsOlderRender } from '@/lib/page-cache/lookups';
import { isSharedPath } from '@/lib/page-cache/paths';
import { SHARED_PAGE_CACHE_CONTROL, sharedRewriteOf, visitorHintChange } from '@/lib/page-cache/rewrite';
import { visitorHintCookie } from '@/lib/page-cache/visitor-hint';
import { rateLimitRequest } from '@/lib/ratelimit/proxy';

/**
 * Runs before anything renders (Node runtime), for every request but Next's built assets
 * (docs/decisions/015-every-request-through-the-proxy.md): rate limits first
 * (lib/ratelimit/policies.ts), then bodies, origins and action ids Next would mishandle
 * (lib/http/request-checks.ts), then the security headers and, on private pages, the CSP nonce
 * that Next reads from the request (lib/http/security-headers.ts).
 */
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  const context = { pathname, https: isHttps(request), dev: getEnv().NODE_ENV === 'development' };

  const limit = await rateLimitRequest(request, event);
  if (limit.kind === 'refused') return withHeaders(limit.response, securityHeaders(context));

  const refusal =
    requestRefusal(request.method, pathname, request.headers, request.nextUrl.searchParams) ??
    (isActionPost(request.method, pathname, request.headers) ? await actionBodyRefusal(request) : null);
  if (refusal) return withHeaders(refusalResponse(refusal), securityHeaders(context));

  // One spelling per address: the checks above and below read the path as written (decision 079).
  const plain = plainPathOf(pathname);
  if (plain !== null && request.method !== 'GET' && request.method !== 'HEAD') return withHeaders(refusalResponse(ESCAPED_PATH), securityHeaders(context));
  const address = { method: request.method, pathname: plain ?? pathname, searchParams: request.nextUrl.searchParams };
  const canonical = canonicalAddressOf(address) ?? (plain !== null ? `${plain}${request.nextUrl.search}` : null);
  if (canonical !== null) return withHeaders(redirectTo(request, canonical), { ...securityHeaders(context), ...(limit.kind === 'allowed' ? limit.headers : {}) });

  const nonce = pagePolicyFor(pathname) === 'private' ? newNonce() : undefined;
  const headers = securityHeaders({ ...context, nonce });
  const forwarded = new Headers(request.headers);
  // Next takes the nonce for its own scripts from the request's policy; a client's own is never used.
  if (nonce) forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  else forwarded.delete('Content-Security-Policy');
  if (isAdminPath(pathname)) forwarded.set(ADMIN_PATH_HEADER, adminPath(request));
  const response = await pageResponse(request, forwarded);
  keepVisitorHint(request, response);
  return withHeaders(response, { ...headers, ...(limit.kind === 'allowed' ? limit.headers : {}) });
}

/**
 * Home, city and menu pages without a query go to their shared variant, which the page cache answers
 * (lib/page-cache, docs/decisions/046); a menu page's per-visitor parts come after load.
 */
async function pageResponse(request: NextRequest, forwarded: Headers): Promise<NextResponse> {
  const { pathname, searchParams } = request.nextUrl;
  // The shared route is reached only through the rewrite below, never at its own address.
  if (isSharedPath(pathname)) return new NextResponse('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const shared = sharedRewriteOf({ method: request.method, pathname, searchParams });
  // Next would hand this request a render of the shared page begun before a save it came after: per request instead.
  if (shared === null || (await joinsOlderRender(shared))) return NextResponse.next({ request: { headers: forwarded } });
  const url = request.nextUrl.clone();
  url.pathname = shared;
  const response = NextResponse.rewrite(url, { request: { headers: forwarded } });
  // Next would mark a page it serves from its cache public for a year (s-maxage). Freshness comes
  // from the page cache's check on every request, so no shared cache may keep it and a browser asks
  // each time (an unchanged page costs it a 304: Next sends an ETag).
  response.headers.set('Cache-Control', SHARED_PAGE_CACHE_CONTROL);
  return response;
}

const ESCAPED_PATH: Refusal = { status: 400, error: 'Spell the address without percent-escaped letters or digits.' };

/**
 * Sets or removes the cookie that tells a shared menu page to ask for this visitor's cart and heart,
 * on page loads only: not on an API answer, an image or a file such as /icon.svg (a page's path has
 * no dot), whose Set-Cookie a CDN could store and hand to everyone.
 */
function keepVisitorHint(request: NextRequest, response: NextResponse): void {
  const { pathname } = request.nextUrl;
  if (request.method !== 'GET' || pathname.startsWith('/api/') || pathname.startsWith('/_next/') || pathname.includes('.')) return;
  const change = visitorHintChange((name) => request.cookies.has(name));
  const hint = visitorHintCookie(customerSessionCookie().options.secure);
  if (change === 'set') response.cookies.set(hint.name, hint.value, hint.options);
  else if (change === 'delete') response.cookies.delete(hint.name);
}

/**
 * Temporary: which parameters a page reads may change, and a browser keeps a permanent redirect. Next
 * sends a Location on the request's own origin as a path.
 */
function redirectTo(request: NextRequest, path: string): NextResponse {
  const response = NextResponse.redirect(new URL(path, request.nextUrl), 307);
  response.headers.set('Cache-Control', 'private, no-cache');
  return response;
}

/** Adds headers the response does not set itself (a refusal page brings its own policy). */
function withHeaders<T extends Response>(response: T, headers: Record<string, string>): T {
  for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
}

/**
 * Not an auth check (every admin page, action and route handler checks the session itself, in
 * lib/auth/admin.ts): it only tells those checks which page was asked for, so the login page can
 * send the admin back there. Set here, it also overwrites any value a client sent.
 */
function adminPath(request: NextRequest): string {
  const url = request.nextUrl.clone();
  // Router-internal cache-busting parameter, not part of the page's address.
  url.searchParams.delete('_rsc');
  return `${url.pathname}${url.search}`;
}

export const config = {
  // Everything but Next's built assets and each file in public/: the image optimizer, 404s and server
  // actions posted to any path are limited like pages. Written by scripts/sync-proxy-matcher.mjs
  // (one literal: Next reads it statically); tests/proxy-matcher.test.ts keeps it equal to public/.
  matcher: ['/((?!_next/static/|illustrations/biryani\\.0149d8d0ae\\.svg$|illustrations/bread\\.8e5718fa76\\.svg$|illustrations/breakfast\\.9b4193be7a\\.svg$|illustrations/burger\\.b50ae31492\\.svg$|illustrations/chaat\\.42ba73f819\\.svg$|illustrations/chettinad\\.791c8b7e9d\\.svg$|illustrations/coffee\\.9ad56ea58a\\.svg$|illustrations/curry\\.62f78ddfdf\\.svg$|illustrations/default\\.b10a589d86\\.svg$|illustrations/dhokla\\.85d458c08c\\.svg$|illustrations/dosa\\.5bc44007f9\\.svg$|illustrations/drinks\\.5012c5468e\\.svg$|illustrations/fish-curry\\.b570e5521c\\.svg$|illustrations/fish\\.30e65e16dc\\.svg$|illustrations/fried-rice\\.e820e03cb3\\.svg$|illustrations/fries\\.11a22832f0\\.svg$|illustrations/gulab-jamun\\.3812074d73\\.svg$|illustrations/ice-cream\\.002ebd1e43\\.svg$|illustrations/idli\\.68402deac9\\.svg$|illustrations/kebab\\.34a2871ca8\\.svg$|illustrations/kerala\\.0349b1077f\\.svg$|illustrations/korma\\.ea9760d18a\\.svg$|illustrations/luchi\\.41c5b0c4e2\\.svg$|illustrations/manchurian\\.1e2c0d1a62\\.svg$|illustrations/meals\\.853a194c8d\\.svg$|illustrations/momos\\.54dd126e18\\.svg$|illustrations/noodles\\.51f361c854\\.svg$|illustrations/parotta\\.bc758ea2dd\\.svg$|illustrations/pasta\\.d53497262b\\.svg$|illustrations/pav-bhaji\\.558516d340\\.svg$|illustrations/pizza\\.24eff8c3c3\\.svg$|illustrations/rasgulla\\.13284d9444\\.svg$|illustrations/recommended\\.fc0ea99a6b\\.svg$|illustrations/rice\\.5bbfa6dd2c\\.svg$|illustrations/roll\\.e927e49ebe\\.svg$|illustrations/samosa\\.72bf681bbd\\.svg$|illustrations/skyline-ahmedabad\\.3cb17d702e\\.svg$|illustrations/skyline-bengaluru\\.b29629f2ac\\.svg$|illustrations/skyline-chennai\\.79af775e55\\.svg$|illustrations/skyline-delhi\\.9791408bb2\\.svg$|illustrations/skyline-hyderabad\\.717b05425c\\.svg$|illustrations/skyline-kolkata\\.c1d74ba6ca\\.svg$|illustrations/skyline-mumbai\\.f829b56455\\.svg$|illustrations/skyline-pune\\.d8a89599dd\\.svg$|illustrations/skyline\\.3c20960045\\.svg$|illustrations/soup\\.6957926ec4\\.svg$|illustrations/tandoori\\.3ec4fbdbda\\.svg$|illustrations/thali\\.865a605488\\.svg$).*)'],
};
