import * as pageStaticInfo from 'next/dist/build/analysis/get-page-static-info';
import { getMiddlewareRouteMatcher } from 'next/dist/shared/lib/router/utils/middleware-route-matcher';
import { describe, expect, it } from 'vitest';

import { config } from '@/proxy';

import { expectedMatcher } from '../scripts/sync-proxy-matcher.mjs';

/**
 * Finding 5: paths ending in .png, .js, .css… skipped proxy.ts, yet Next ran server actions and
 * rendered 404s there. Only Next's built assets and files that really exist in public/ may skip it.
 */
// Next's own compilation of a matcher (exported, but not in its type declarations).
const { getMiddlewareMatchers } = pageStaticInfo as unknown as {
  getMiddlewareMatchers(matcher: unknown, config: unknown): Parameters<typeof getMiddlewareRouteMatcher>[0];
};

/** Whether Next runs the proxy for a path. */
const runsProxy = (pathname: string) =>
  getMiddlewareRouteMatcher(getMiddlewareMatchers(config.matcher, { basePath: '', i18n: undefined }))(
    pathname,
    { headers: {} } as never,
    {},
  );

describe('proxy.ts matcher', () => {
  it("exempts exactly Next's built assets and the files in public/", () => {
    // After public/ changed: `node scripts/sync-proxy-matcher.mjs` rewrites the matcher.
    expect(config.matcher).toEqual([expectedMatcher()]);
  });

  it('runs for every path a page, an action or a 404 can answer, whatever it ends in', () => {
    for (const pathname of ['/', '/login', '/login.png', '/x.js', '/a/b.css', '/robots.txt', '/favicon.ico', '/_next/image', '/_next/foo', '/api/cities']) {
      expect(runsProxy(pathname), pathname).toBe(true);
    }
    expect(runsProxy('/_next/static/chunks/app.js')).toBe(false);
  });
});
