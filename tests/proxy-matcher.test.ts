import fs from 'node:fs';
import path from 'node:path';

import * as pageStaticInfo from 'next/dist/build/analysis/get-page-static-info';
import { getMiddlewareRouteMatcher } from 'next/dist/shared/lib/router/utils/middleware-route-matcher';
import { describe, expect, it } from 'vitest';

import { config } from '@/proxy';

/**
 * Finding 5: paths ending in .png, .js, .css… skipped proxy.ts, yet Next ran server actions and
 * rendered 404s there. Only Next's built assets and files that really exist in public/ may skip it.
 */
const PUBLIC = path.resolve(import.meta.dirname, '..', 'public');

function publicFiles(dir = PUBLIC, base = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${base}${entry.name}`;
    return entry.isDirectory() ? publicFiles(path.join(dir, entry.name), `${relative}/`) : [relative];
  });
}

const escape = (file: string) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the matcher must be for public/ as it is: `_next/static/` and each public file, exactly. */
function expectedMatcher(): string {
  const exempt = ['_next/static/', ...publicFiles().sort().map((file) => `${escape(file)}$`)];
  return `/((?!${exempt.join('|')}).*)`;
}

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
    expect(config.matcher).toEqual([expectedMatcher()]);
  });

  it('runs for every path a page, an action or a 404 can answer, whatever it ends in', () => {
    for (const pathname of ['/', '/login', '/login.png', '/x.js', '/a/b.css', '/robots.txt', '/favicon.ico', '/_next/image', '/_next/foo', '/api/cities']) {
      expect(runsProxy(pathname), pathname).toBe(true);
    }
    expect(runsProxy('/_next/static/chunks/app.js')).toBe(false);
  });
});
