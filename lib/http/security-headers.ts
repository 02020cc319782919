import 'server-only';

import { createHash, randomBytes } from 'node:crypto';

/**
 * Response headers against injected scripts, framing and leaks, set in proxy.ts on every response it
 * handles (next.config.ts adds the path-independent ones to static assets too). Three policies by
 * path (docs/decisions/014-security-headers-and-csp.md):
 *
 * - `public` (home, city and menu pages, and every other page a visitor can land on): no nonce, so
 *   the page can one day be served from a cache. Next streams its RSC payload as inline scripts
 *   whose text differs per response, so no list of hashes can allow them: scripts need
 *   'unsafe-inline' here. External scripts are limited to this origin and carry SRI hashes.
 * - `private` (admin, sign-in, account, cart and checkout, orders, the outbox): a fresh nonce per
 *   request with 'strict-dynamic'; Next puts it on every script it renders.
 * - `api` (JSON): nothing may load, nothing may frame it.
 *
 * Admin pages may not be framed at all; other pages only by this site.
 */

export type PagePolicy = 'public' | 'private' | 'api';

// /checkout and /cart render a customer's addresses and cart and place orders: never 'unsafe-inline'.
const PRIVATE_PREFIXES = ['/admin', '/login', '/account', '/cart', '/checkout', '/orders', '/dev'];

const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

export function pagePolicyFor(pathname: string): PagePolicy {
  if (under(pathname, '/api')) return 'api';
  return PRIVATE_PREFIXES.some((prefix) => under(pathname, prefix)) ? 'private' : 'public';
}

export function isAdminPath(pathname: string): boolean {
  return under(pathname, '/admin') || under(pathname, '/api/admin');
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface PolicyContext {
  pathname: string;
  /** Served over HTTPS (directly or through a trusted proxy that says so). */
  https: boolean;
  /** `next dev`: React's debugging needs eval, and the dev overlay injects styles. */
  dev: boolean;
  /** Only for `private` pages. */
  nonce?: string;
}

/**
 * The inline `style` attributes the app's HTML carries, allowed by hash and no other
 * (docs/decisions/039-inline-style-attributes-by-hash.md): React streams a Suspense boundary inside an SVG
 * as `<svg style="display:none">`, and next/image styles every image (`fill` positions it; each one
 * hides its alt text while loading). lib/http/image-styles.test.ts renders next/image and fails when
 * an upgrade changes these strings.
 */
export const INLINE_STYLE_ATTRIBUTES = [
  'display:none',
  'position:absolute;height:100%;width:100%;left:0;top:0;right:0;bottom:0;color:transparent',
  'color:transparent',
] as const;
const STYLE_ATTRIBUTE_HASHES = ["'unsafe-hashes'", ...INLINE_STYLE_ATTRIBUTES.map((style) => `'sha256-${createHash('sha256').update(style).digest('base64')}'`)];

function directives(entries: [string, ...string[]][]): string {
  return entries.map((entry) => entry.join(' ')).join('; ');
}

export function contentSecurityPolicy({ pathname, https, dev, nonce }: PolicyContext): string {
  const policy = pagePolicyFor(pathname);
  const frameAncestors = isAdminPath(pathname) || policy === 'api' ? "'none'" : "'self'";
  if (policy === 'api') return directives([['default-src', "'none'"], ['frame-ancestors', frameAncestors]]);

  const eval_ = dev ? ["'unsafe-eval'"] : [];
  const script = nonce ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...eval_] : ["'self'", "'unsafe-inline'", ...eval_];
  // A nonce in style-src would switch 'unsafe-inline' off, which the dev overlay needs.
  const style = dev ? ["'self'", "'unsafe-inline'"] : ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...STYLE_ATTRIBUTE_HASHES];
  const list: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', ...script],
    ['style-src', ...style],
    // blob: for the admin's photo preview (a local file the page itself made a URL for); Chromium
    // also fetches it through connect-src when the file turns out not to decode as an image.
    ['img-src', "'self'", 'data:', ...(nonce ? ['blob:'] : [])],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(nonce ? ['blob:'] : []), ...(dev ? ['ws:'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', frameAncestors],
  ];
  // Over plain http (local `npm start`, the e2e suite) this would send the page's requests to https.
  if (https) list.push(['upgrade-insecure-requests']);
  return directives(list);
}

/** HSTS for two years once a response went out over HTTPS; never over http, where browsers ignore it anyway. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** The headers that depend on the path and scheme (next.config.ts sets the rest on every response). */
export function securityHeaders(context: PolicyContext): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(context),
    'X-Frame-Options': isAdminPath(context.pathname) || pagePolicyFor(context.pathname) === 'api' ? 'DENY' : 'SAMEORIGIN',
  };
  if (context.https) headers['Strict-Transport-Security'] = HSTS;
  return headers;
}

/** A policy for a fixed document with one inline style block (the proxy's refusal pages): only that style loads. */
export function inlineStylePolicy(css: string): string {
  const hash = createHash('sha256').update(css).digest('base64');
  return directives([
    ['default-src', "'none'"],
    ['style-src', `'sha256-${hash}'`],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ]);
}
