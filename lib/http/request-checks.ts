import 'server-only';

import { isMediaPath } from '@/lib/media/store';

import { bodyRefusal } from './body-limits.mjs';
import { ACTION_ID, isApiPath } from './route-kinds.mjs';

/**
 * Requests refused in proxy.ts before anything renders, with a 4xx and a sentence, where Next would
 * otherwise answer a 500 (an Origin it can't parse, a cross-origin server action) or buffer a body
 * nobody reads (docs/decisions/015-every-request-through-the-proxy.md).
 */

export interface Refusal {
  status: 400 | 401 | 403 | 411 | 413;
  error: string;
}


function firstOf(value: string | null): string | null {
  return value === null ? null : (value.split(',')[0]?.trim() ?? null);
}

/**
 * A POST to a page runs a server action. Next compares the Origin's host with the request's own
 * (`x-forwarded-host`, else `host`) and answers a 500 when the Origin is not a URL or differs; here
 * both are a 4xx. A request without Origin is let through, as Next does (browsers always send one on
 * POST, so only scripts omit it, and a script is not a forged cross-site request).
 */
export function actionRefusal(method: string, pathname: string, headers: Headers): Refusal | null {
  if (method.toUpperCase() !== 'POST' || isApiPath(pathname)) return null;
  const action = headers.get('next-action');
  if (action !== null && !ACTION_ID.test(action)) return { status: 400, error: 'Unknown action.' };
  const origin = headers.get('origin');
  if (origin === null) return null;
  if (origin === 'null') return { status: 403, error: 'Forms from other sites are not accepted.' };
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return { status: 400, error: 'The Origin header is not a valid URL.' };
  }
  const host = firstOf(headers.get('x-forwarded-host')) ?? headers.get('host');
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== host) {
    return { status: 403, error: 'Forms from other sites are not accepted.' };
  }
  return null;
}

/**
 * Next's image optimizer (next.config.ts: only `/media/**` of this site, or the media store's host).
 * Next answers every path that starts with it (next-server.js handleNextImageRequest:
 * `pathname.startsWith('/_next/image')`), so `/_next/image.` or `/_next/image;x` reach it too.
 */
const IMAGE_OPTIMIZER = '/_next/image';

/**
 * The image optimizer fetches a local `url` by routing it inside the server, and Next's router throws
 * on a path with a malformed %-escape: `/_next/image?url=/media/%25&w=64&q=75` (the `url` param decodes
 * to `/media/%`) was a 500 and a `URIError: URI malformed` in the log for anyone (attack review), the
 * case decision 040 closes for the request's own path. Only the path is decoded, as the router does.
 *
 * A local path that names no photo (`/media/<MEDIA_NAME>`, what app/media serves) is refused too: the
 * optimizer answers any redirect of its internal request with a 500 and an error log, and Next
 * redirects many of them (`/media/`, `/media/a/`, `/media/.`, `/media//a`, `/media/a\`: a 308 each;
 * attack review). The rest could only ever be its 404.
 */
export function imageRefusal(pathname: string, searchParams: URLSearchParams): Refusal | null {
  if (!pathname.startsWith(IMAGE_OPTIMIZER)) return null;
  for (const url of searchParams.getAll('url')) {
    if (!url.startsWith('/')) continue;
    const end = url.search(/[?#]/);
    const path = end === -1 ? url : url.slice(0, end);
    try {
      decodeURIComponent(path);
    } catch {
      return { status: 400, error: 'The image address has a malformed %-escape.' };
    }
    if (!isMediaPath(path)) {
      return { status: 400, error: 'The image address names no photo of this site.' };
    }
  }
  return null;
}

export function requestRefusal(method: string, pathname: string, headers: Headers, searchParams: URLSearchParams): Refusal | null {
  return bodyRefusal(method, pathname, (name) => headers.get(name)) ?? actionRefusal(method, pathname, headers) ?? imageRefusal(pathname, searchParams);
}

export function refusalResponse(refusal: Refusal): Response {
  return Response.json({ error: refusal.error }, { status: refusal.status, headers: { 'Cache-Control': 'no-store' } });
}
