import { afterEach, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { customerSessionCookie, guestCookieName } from '@/lib/auth/cookie';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { installBackends } from '@/tests/support/app-context';

import { isSharedPath } from './paths';
import { sharedRewriteOf, visitorHintChange } from './rewrite';
import { hasVisitorHint, VISITOR_HINT_COOKIE } from './visitor-hint';

function request(pathname: string, options: { method?: string; search?: string } = {}) {
  return { method: options.method ?? 'GET', pathname, searchParams: new URLSearchParams(options.search ?? '') };
}

describe('which requests get a shared page', () => {
  // As scripts/serve.mjs runs the app (npm start); a bare `next start` is the last test below.
  const install = (env: Record<string, string> = {}) =>
    installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle, env: { THALI_SERVED_BY: 'serve.mjs', ...env } });
  afterEach(() => install());

  it('sends GET and HEAD of home, a city and a menu to their shared page', () => {
    install();
    expect(sharedRewriteOf(request('/'))).toBe('/shared/home');
    expect(sharedRewriteOf(request('/pune', { method: 'HEAD' }))).toBe('/shared/city/pune');
    expect(sharedRewriteOf(request('/pune/dosa-corner'))).toBe('/shared/menu/pune/dosa-corner');
    // The router's cache-busting parameter is not part of the address.
    expect(sharedRewriteOf(request('/pune/dosa-corner', { search: '_rsc=1x2y' }))).toBe('/shared/menu/pune/dosa-corner');
  });

  it('renders per request a search, a filter, a server action and any other address', () => {
    install();
    expect(sharedRewriteOf(request('/pune', { search: 'q=dosa' }))).toBeNull();
    expect(sharedRewriteOf(request('/pune', { search: 'veg=1&_rsc=1' }))).toBeNull();
    expect(sharedRewriteOf(request('/pune/dosa-corner', { method: 'POST' }))).toBeNull();
    expect(sharedRewriteOf(request('/pune/dosa-corner/reviews'))).toBeNull();
    expect(sharedRewriteOf(request('/checkout/x/y'))).toBeNull();
    for (const address of ['/api/cities', '/login', '/admin', '/orders/12', '/media/photo-1']) expect(sharedRewriteOf(request(address))).toBeNull();
    expect(sharedRewriteOf(request('/Pune'))).toBeNull();
  });

  it('keeps the visitor hint in step with the session and guest cart cookies', () => {
    install();
    const has = (...names: string[]) => (name: string) => names.includes(name);
    for (const cookie of [customerSessionCookie().name, guestCookieName()]) {
      expect(visitorHintChange(has(cookie))).toBe('set');
      expect(visitorHintChange(has(cookie, VISITOR_HINT_COOKIE))).toBeNull();
    }
    expect(visitorHintChange(has(VISITOR_HINT_COOKIE))).toBe('delete');
    expect(visitorHintChange(has('thali_vid'))).toBeNull();
    expect(visitorHintChange(has())).toBeNull();
  });

  it('reads the hint from a document.cookie string', () => {
    expect(hasVisitorHint('a=1; thali_state=1')).toBe(true);
    expect(hasVisitorHint('thali_state=1')).toBe(true);
    expect(hasVisitorHint('thali_statex=1; b=thali_state=1')).toBe(false);
    expect(hasVisitorHint('')).toBe(false);
  });

  it('is off with PAGE_CACHE=false, and by default on Vercel', () => {
    install({ PAGE_CACHE: 'false' });
    expect(sharedRewriteOf(request('/pune'))).toBeNull();
    install({ VERCEL: '1', DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r:6379' });
    expect(sharedRewriteOf(request('/pune'))).toBeNull();
    install({ VERCEL: '1', DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r:6379', PAGE_CACHE: 'true' });
    expect(sharedRewriteOf(request('/pune'))).toBe('/shared/city/pune');
  });

  it('is off by default under a bare `next start`, which strips no stray _rsc from the address Next writes into a page', () => {
    install({ THALI_SERVED_BY: '' });
    expect(sharedRewriteOf(request('/pune'))).toBeNull();
    install({ THALI_SERVED_BY: '', PAGE_CACHE: 'true' });
    expect(sharedRewriteOf(request('/pune'))).toBe('/shared/city/pune');
  });

  it('never serves the shared route at its own address', () => {
    expect(isSharedPath('/shared')).toBe(true);
    expect(isSharedPath('/shared/menu/pune/dosa-corner')).toBe(true);
    expect(isSharedPath('/sharedplates')).toBe(false);
  });
});
