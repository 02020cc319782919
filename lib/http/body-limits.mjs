// How large a request body each route takes, answered before any of it is read: by scripts/serve.mjs
// in front of Next (`npm start`, `npm run dev`), and by proxy.ts where there is no serve.mjs (Vercel).
// Plain JavaScript, so serve.mjs needs no build step. docs/decisions/015-every-request-through-the-proxy.md

import { isApiPath } from './route-kinds.mjs';

/** Server actions (every POST to a page path): the largest form is an admin's menu item, a few KB. */
export const ACTION_BODY_LIMIT = 32 * 1024;

/**
 * An admin's photo upload (PUT, the image as the body). Below Vercel's 4.5 MB request limit, so a
 * photo too large gets this app's own message there too, not Vercel's FUNCTION_PAYLOAD_TOO_LARGE.
 */
export const PHOTO_BODY_LIMIT = 4 * 1024 * 1024;

/** The largest body any route takes: what Next may have to hold for the proxy (next.config.ts). */
export const LARGEST_BODY_LIMIT = PHOTO_BODY_LIMIT + 64 * 1024;

/** lib/auth/cookie.ts's admin session cookie, by either of its names; its value is checked by the route. */
const ADMIN_COOKIE = /(?:^|;\s*)(?:__Host-)?thali_admin=[^;\s]/;

/** The two photo upload routes (app/api/admin/restaurants/…/photo). */
const PHOTO_ROUTE = /^\/api\/admin\/restaurants\/[^/]+\/(?:items\/[^/]+\/)?photo$/;

/**
 * The most a route accepts, in bytes; 0 for "no body". The only API route that reads a body is a
 * photo upload (the views beacon posts none), no GET, HEAD, OPTIONS or DELETE reads one, and nothing
 * under /_next/ does (a server action posted there is refused before Next sees it).
 *
 * @param {string} method
 * @param {string} pathname
 * @returns {number}
 */
export function bodyLimitFor(method, pathname) {
  const verb = method.toUpperCase();
  if (verb === 'PUT') return PHOTO_ROUTE.test(pathname) ? PHOTO_BODY_LIMIT : 0;
  if (verb !== 'POST') return 0;
  if (isApiPath(pathname)) return 0;
  // Next's own assets and image optimizer read no body; /_next/static/ skips proxy.ts, so this is its only check.
  if (pathname.startsWith('/_next/')) return 0;
  return ACTION_BODY_LIMIT;
}

/**
 * An admin's photo upload: scripts/serve.mjs asks the app whether an admin session is behind it
 * before Next reads its body (lib/media/upload-gate.ts).
 *
 * @param {string} method
 * @param {string} pathname
 * @returns {boolean}
 */
export function isPhotoUpload(method, pathname) {
  return bodyLimitFor(method, pathname) === PHOTO_BODY_LIMIT;
}

/**
 * Why a request's body is refused before it is read, or null when it may be read. Decided on
 * headers alone: a photo upload without an admin session cookie is a 401; Content-Length above the
 * route's limit is a 413; a body without a length
 * (chunked), which no browser form or fetch of this app sends, is a 411 where a body is allowed
 * and a 413 where none is.
 *
 * @param {string} method
 * @param {string} pathname
 * @param {(name: string) => string | null | undefined} header
 * @returns {{ status: 401 | 411 | 413; error: string } | null}
 */
export function bodyRefusal(method, pathname, header) {
  const limit = bodyLimitFor(method, pathname);
  // Next buffers a body (for the proxy) before the route can check the session: 40 anonymous 5 MB
  // uploads grew a server by 213 MB. A photo upload without an admin session cookie is refused unread.
  if (limit === PHOTO_BODY_LIMIT && !ADMIN_COOKIE.test(header('cookie') ?? '')) {
    return { status: 401, error: 'Sign in as an admin to upload photos.' };
  }
  const chunked = Boolean(header('transfer-encoding'));
  const lengthHeader = header('content-length');
  const length = lengthHeader === null || lengthHeader === undefined || lengthHeader === '' ? 0 : Number(lengthHeader);
  if (limit === 0) {
    return chunked || !(length === 0) ? { status: 413, error: 'This address takes no request body.' } : null;
  }
  if (chunked) return { status: 411, error: 'A request body needs a Content-Length.' };
  if (!Number.isSafeInteger(length) || length < 0 || length > limit) {
    return { status: 413, error: `Request body too large: at most ${limit} bytes here.` };
  }
  return null;
}
