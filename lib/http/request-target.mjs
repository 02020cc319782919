import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state.js';

// Request targets Next can't route, answered by scripts/serve.mjs before Next sees them. A path segment
// with a malformed percent-escape (`/bengaluru/%ff`, `/%`) made Next's router throw while decoding route
// params: a bare 500, before proxy.ts (no rate limit, no security headers). Plain JavaScript, so
// serve.mjs needs no build step. docs/decisions/040-malformed-paths-refused-before-next.md

/**
 * Why a request's target is refused (400), or null when Next may route it: it must be a path (origin
 * form) that percent-decodes as UTF-8. The query string is left to the routes, which read it with
 * URLSearchParams (which never throws).
 *
 * A target that is not a path is what a client sends a forward proxy, never a browser an origin:
 * `*` (`OPTIONS *`) was a bare 500 from Next, and `GET http://evil.example/ HTTP/1.1` a 308 to
 * http://evil.example/.
 *
 * @param {string | undefined} target the request line's target, e.g. `/bengaluru/dosa?x=1`
 * @returns {{ status: 400; error: string } | null}
 */
export function targetRefusal(target) {
  const raw = target ?? '/';
  if (!raw.startsWith('/')) return { status: 400, error: 'The request target must be a path, such as /bengaluru.' };
  const end = raw.search(/[?#]/);
  const path = end === -1 ? raw : raw.slice(0, end);
  try {
    decodeURIComponent(path);
    return null;
  } catch {
    return { status: 400, error: 'The address has a malformed %-escape.' };
  }
}

/**
 * Methods the Fetch standard forbids (`new Request(url, { method: 'TRACE' })` throws): Next builds a
 * Request for proxy.ts from every request, so a TRACE was a bare 500 and a stack trace in the log on
 * any path, before proxy.ts (no rate limit). TRACK and CONNECT never get here (Node's parser refuses
 * TRACK; a CONNECT with no 'connect' listener is closed).
 */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * Why a request's method is refused (405), or null when Next may take it.
 *
 * @param {string | undefined} method
 * @returns {{ status: 405; error: string } | null}
 */
export function methodRefusal(method) {
  return FORBIDDEN_METHODS.has((method ?? 'GET').toUpperCase()) ? { status: 405, error: `${method} is not supported.` } : null;
}

/**
 * Why a request's router state (`Next-Router-State-Tree`, which the client router sends with an RSC
 * request) is refused (400), or null when there is none or Next can read it. Next parses it with this
 * very function and answered one it could not read (`{"a":1}`, `[[[]]]`, 40 KB) with a 500 and an
 * error log on every page rendered per request (/account, /checkout, /login). proxy.ts never sees the
 * router's headers (Next hides them from it), so this runs in scripts/serve.mjs.
 *
 * @param {string | string[] | undefined} header the request's `Next-Router-State-Tree`
 * @returns {{ status: 400; error: string } | null}
 */
export function routerStateRefusal(header) {
  if (header === undefined) return null;
  try {
    parseAndValidateFlightRouterState(header);
    return null;
  } catch {
    return { status: 400, error: 'The Next-Router-State-Tree header is malformed.' };
  }
}

/**
 * The request target without `_rsc` (the router's cache-busting parameter) unless the request is one
 * of the router's own (`RSC: 1`), whose `_rsc` Next checks against its headers and redirects when
 * wrong. On any other request Next ignores the value but writes it, with the address, into the page's
 * payload; a shared page (docs/decisions/046) would then carry a visitor's chosen text to everyone.
 * A router request keeps one `_rsc` only: Next checks the first (`searchParams.get`) and wrote any
 * further ones, unchecked, into the payload just the same (`?_rsc=&_rsc=<text>`). The router never
 * sends two. The one kept is the last spelled as Next writes it (`_rsc=<hash>`, or a bare `_rsc` for
 * the empty hash of a request without router headers): Next's redirect to the right hash removes
 * only the `_rsc=` parts and appends its own, so any other kept ahead of that one (`%5Frsc=`, a bare
 * `_rsc`) was checked again and redirected to the same address forever. proxy.ts can't do this:
 * Next hides `_rsc` and the router's headers from it.
 *
 * @param {string | undefined} target the request line's target
 * @param {string | string[] | undefined} rscHeader the request's `RSC` header
 * @returns {string | undefined} the target to hand to Next
 */
export function withoutStrayRouterParam(target, rscHeader) {
  if (target === undefined) return target;
  const start = target.indexOf('?');
  if (start === -1) return target;
  const end = target.indexOf('#', start);
  const query = target.slice(start + 1, end === -1 ? undefined : end);
  const parts = query.split('&');
  const routerParam = rscHeader === '1' ? parts.findLastIndex((part) => part === '_rsc' || part.startsWith('_rsc=')) : -1;
  const kept = parts.filter((part, index) => index === routerParam || nameOf(part) !== '_rsc');
  if (kept.length === parts.length) return target;
  return `${target.slice(0, start)}${kept.length > 0 ? `?${kept.join('&')}` : ''}${end === -1 ? '' : target.slice(end)}`;
}

/** A query part's name as URLSearchParams reads it (`%5Frsc` is `_rsc` too); a malformed escape is no name. */
function nameOf(part) {
  const name = part.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * Whether a request to upgrade its connection (a WebSocket) may go on to Next. Node hands such a
 * request to the server's 'upgrade' listeners, not its 'request' ones, so none of scripts/serve.mjs's
 * checks ran on it, and Next (which listens for upgrades itself once it has served a request) ran
 * proxy.ts on it with the client's own X-Forwarded-For and without serve.mjs's request id: the
 * limiter counted each one under any address the client named, and never refused one (review). The
 * app has no WebSocket of its own; only `next dev`'s hot reload (`/_next/hmr`) is one, and only in
 * development.
 *
 * @param {string | undefined} target the request line's target
 * @param {boolean} dev whether the server runs `next dev`
 * @returns {boolean}
 */
export function upgradeAllowed(target, dev) {
  return dev && targetRefusal(target) === null && new URL(target ?? '/', 'http://thali.invalid').pathname.startsWith('/_next/hmr');
}
