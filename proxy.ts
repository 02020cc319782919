import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';

import { ADMIN_PATH_HEADER } from '@/lib/auth/next-path';
import { getEnv } from '@/lib/env';
import { actionBodyRefusal } from '@/lib/http/action-body';
import { isHttps } from '@/lib/http/https';
import { refusalResponse, requestRefusal } from '@/lib/http/request-checks';
import { isAdminPath, newNonce, pagePolicyFor, securityHeaders } from '@/lib/http/security-headers';
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
    requestRefusal(request.method, pathname, request.headers) ??
    (request.method === 'POST' && request.headers.has('next-action') ? await actionBodyRefusal(request) : null);
  if (refusal) return withHeaders(refusalResponse(refusal), securityHeaders(context));

  const nonce = pagePolicyFor(pathname) === 'private' ? newNonce() : undefined;
  const headers = securityHeaders({ ...context, nonce });
  const forwarded = new Headers(request.headers);
  // Next takes the nonce for its own scripts from the request's policy; a client's own is never used.
  if (nonce) forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  else forwarded.delete('Content-Security-Policy');
  if (isAdminPath(pathname)) forwarded.set(ADMIN_PATH_HEADER, adminPath(request));
  const response = NextResponse.next({ request: { headers: forwarded } });
  return withHeaders(response, { ...headers, ...(limit.kind === 'allowed' ? limit.headers : {}) });
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
  // Everything but Next's built assets and the files in public/ (none today): the image optimizer,
  // 404s and server actions posted to any path are limited like pages. proxy-matcher.test.ts keeps
  // this list equal to public/'s files.
  matcher: ['/((?!_next/static/).*)'],
};
