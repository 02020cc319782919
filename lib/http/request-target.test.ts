import { METHODS } from 'node:http';

import { describe, expect, it } from 'vitest';

import { methodRefusal, routerStateRefusal, targetRefusal, upgradeAllowed, withoutStrayRouterParam } from './request-target.mjs';

describe('request methods', () => {
  it('refuses every method Node accepts but a Request cannot carry (TRACE was a 500 and a stack trace on any path)', () => {
    for (const method of METHODS) {
      let requestable = true;
      try {
        new Request('http://thali.invalid/', { method });
      } catch {
        requestable = false;
      }
      expect(methodRefusal(method) === null, method).toBe(requestable);
    }
    expect(methodRefusal('TRACE')).toMatchObject({ status: 405 });
  });
});

describe('router state', () => {
  const tree = (state: unknown) => encodeURIComponent(JSON.stringify(state));

  it('refuses a Next-Router-State-Tree Next cannot parse (a 500 and an error log on /account, /checkout, /login)', () => {
    for (const header of ['{"a":1}', '[[[]]]', tree({ a: 1 }), '%E0%A4', 'not json', `${'['.repeat(2_000)}${']'.repeat(2_000)}`, tree(['', {}]).padEnd(40_001, ' '), tree(['', {}, null, 'refetch', true]), ['a', 'b']]) {
      expect(routerStateRefusal(header), String(header).slice(0, 40)).toMatchObject({ status: 400 });
    }
  });

  it('lets through what the router sends, and requests without one', () => {
    expect(routerStateRefusal(undefined)).toBeNull();
    expect(routerStateRefusal(tree(['', { children: ['__PAGE__', {}] }]))).toBeNull();
    expect(routerStateRefusal(tree(['', { children: [['city', 'pune', 'd', null], { children: ['__PAGE__', {}, null, 'refetch'] }] }, null, null, 1]))).toBeNull();
  });
});

describe('request targets', () => {
  it('refuses a path with a malformed %-escape (Next answered these with a 500, before proxy.ts)', () => {
    for (const target of ['/%', '/bengaluru/%ff', '/api/restaurants/%E0%A4/menu', '/orders/%zz', '/media/%ff?x=1']) {
      expect(targetRefusal(target), target).toMatchObject({ status: 400 });
    }
  });

  it("refuses a target that is not a path: '*' was a 500, and an absolute URL a 308 to its host", () => {
    for (const target of ['*', 'http://evil.example/', 'https://evil.example/bengaluru?x=1', 'http://x:99999/', 'bengaluru', '']) {
      expect(targetRefusal(target), target).toMatchObject({ status: 400 });
    }
  });

  it('lets through every well-formed path, whatever its query string', () => {
    for (const target of ['/', '/bengaluru/dosa-corner', '/bengaluru/%E0%A4%A6', '/api/cities/x/search?q=%ff', '/a%20b', undefined]) {
      expect(targetRefusal(target), String(target)).toBeNull();
    }
  });

  it("drops _rsc from a request that is not the router's, which would carry it into a shared page", () => {
    expect(withoutStrayRouterParam('/?_rsc=ATTACKER-TEXT', undefined)).toBe('/');
    expect(withoutStrayRouterParam('/pune?_rsc=a&veg=1&_rsc=b', undefined)).toBe('/pune?veg=1');
    expect(withoutStrayRouterParam('/pune?%5Frsc=a&q=dosa', '0')).toBe('/pune?q=dosa');
    expect(withoutStrayRouterParam('/pune?q=a%20b&_rsc', undefined)).toBe('/pune?q=a%20b');
    expect(withoutStrayRouterParam('/pune?_rsc=x#top', undefined)).toBe('/pune#top');
  });

  it("keeps one _rsc only of the router's requests: Next checks the first and wrote the rest, unchecked, into a shared page", () => {
    // Observed: RSC: 1 with `?_rsc=&_rsc=<text>` passed Next's check (the first, empty, is right for a
    // request without router headers) and the stored menu page carried <text> to every later visitor.
    // The one kept is the one Next checks, so a wrong one is redirected to the right hash.
    expect(withoutStrayRouterParam('/bengaluru/dosa?_rsc=&_rsc=ATTACKER-TEXT', '1')).toBe('/bengaluru/dosa?_rsc=ATTACKER-TEXT');
    expect(withoutStrayRouterParam('/pune?_rsc=1a2b3&%5Frsc=ATTACKER-TEXT&_rsc=MORE', '1')).toBe('/pune?_rsc=MORE');
    expect(withoutStrayRouterParam('/pune?q=dosa&_rsc=1a2b3&_rsc=x#top', '1')).toBe('/pune?q=dosa&_rsc=x#top');
  });

  it("keeps on the router's requests only an _rsc spelled as Next writes it, or its check redirects to the same address forever", () => {
    // Observed on a production build: RSC: 1 with `?%5Frsc=x&_rsc=<right hash>` (or a bare `_rsc` first)
    // was a 307 to the very same address 10 times of 10 (curl -L --max-redirs 10). Next checks the first
    // `_rsc` URLSearchParams reads (`%5Frsc`, or the bare one's empty value) and its redirect replaces
    // only parts that start with `_rsc=`, so the kept stray came first again.
    expect(withoutStrayRouterParam('/login?%5Frsc=x&_rsc=HEAvJdHAQJrUAe2K', '1')).toBe('/login?_rsc=HEAvJdHAQJrUAe2K');
    expect(withoutStrayRouterParam('/login?_rsc&_rsc=HEAvJdHAQJrUAe2K', '1')).toBe('/login?_rsc=HEAvJdHAQJrUAe2K');
    expect(withoutStrayRouterParam('/pune?q=dosa&_rs%63=x&_rsc=1a2b3&%5Frsc=y', '1')).toBe('/pune?q=dosa&_rsc=1a2b3');
    // With no such part there is nothing to check against: Next's redirect adds one.
    expect(withoutStrayRouterParam('/pune?%5Frsc=x&q=dosa', '1')).toBe('/pune?q=dosa');
    // The empty hash (RSC: 1 and no router headers) Next writes as a bare `_rsc`, after any left over.
    expect(withoutStrayRouterParam('/delhi?veg=1&_rsc', '1')).toBe('/delhi?veg=1&_rsc');
    expect(withoutStrayRouterParam('/delhi?_rsc=1a2b3&veg=1&_rsc', '1')).toBe('/delhi?veg=1&_rsc');
  });

  it("keeps every other target as it came, and _rsc on the router's requests, which Next checks itself", () => {
    for (const target of ['/', '/pune', '/pune?q=dosa', '/pune?rsc=1', '/pune?x_rsc=1', '/pune?%ZZ=1', undefined]) {
      expect(withoutStrayRouterParam(target, undefined), String(target)).toBe(target);
    }
    expect(withoutStrayRouterParam('/pune?_rsc=1a2b3', '1')).toBe('/pune?_rsc=1a2b3');
  });
});

describe('connection upgrades (WebSockets)', () => {
  it("go on to Next only for next dev's hot reload: any other skipped serve.mjs's checks and ran proxy.ts under a client-named address (review)", () => {
    expect(upgradeAllowed('/_next/hmr', true)).toBe(true);
    expect(upgradeAllowed('/_next/hmr?id=1', true)).toBe(true);
    for (const target of ['/', '/delhi', '/api/cities', '/media/0123456789abcdef0123456789abcdef.webp', '/_next/image', '*', '/%', undefined]) {
      expect(upgradeAllowed(target, true), String(target)).toBe(false);
    }
    expect(upgradeAllowed('/_next/hmr', false)).toBe(false);
  });
});
