import { afterEach, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { listingSearch, parseListingParams } from '@/lib/menus/listing';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { installBackends } from '@/tests/support/app-context';

import { canonicalAddressOf } from './canonical';
import { sharedRewriteOf } from './rewrite';

function request(pathname: string, search = '', method = 'GET') {
  return { method, pathname, searchParams: new URLSearchParams(search) };
}

describe('the address a public page is answered at', () => {
  // As scripts/serve.mjs runs the app (npm start), where the shared pages are on.
  const install = (env: Record<string, string> = {}) =>
    installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle, env: { THALI_SERVED_BY: 'serve.mjs', ...env } });
  afterEach(() => install());

  it('sends a campaign link or a made-up parameter to the page without it, which is shared', () => {
    install();
    expect(canonicalAddressOf(request('/', 'utm_source=whatsapp&utm_campaign=diwali'))).toBe('/');
    expect(canonicalAddressOf(request('/delhi', 'fbclid=IwAR0x'))).toBe('/delhi');
    expect(canonicalAddressOf(request('/delhi/karims', 'x=<script>', 'HEAD'))).toBe('/delhi/karims');
    // A menu page reads no parameter at all: a dish a search pointed at is a #fragment, kept by the browser.
    expect(canonicalAddressOf(request('/delhi/karims', 'veg=1'))).toBe('/delhi/karims');
    expect(sharedRewriteOf(request('/delhi'))).toBe('/shared/city/delhi');
  });

  it("keeps a city's filters and search, spelled as the page writes them", () => {
    install();
    expect(canonicalAddressOf(request('/pune', 'veg=1&utm_source=sms'))).toBe('/pune?veg=1');
    expect(canonicalAddressOf(request('/pune', 'q=dosa&gclid=abc'))).toBe('/pune?q=dosa');
    expect(canonicalAddressOf(request('/pune', 'veg=yes&sort=relevance'))).toBe('/pune?veg=1');
    expect(canonicalAddressOf(request('/pune', 'veg=0&q=%20%20'))).toBe('/pune');
    expect(canonicalAddressOf(request('/pune', 'cuisine=%20South%20%20Indian%20'))).toBe('/pune?cuisine=South+Indian');
    expect(canonicalAddressOf(request('/pune', 'q=dosa&q=idli'))).toBe('/pune?q=dosa');
    expect(canonicalAddressOf(request('/pune', `cuisine=${'x'.repeat(65)}`))).toBe('/pune');
  });

  it('leaves alone a query the page reads as it is, in any order, and every address without one', () => {
    install();
    for (const search of ['', 'veg=1', 'sort=rating&veg=1', 'veg=1&rating=4&cuisine=North+Indian&sort=cost', 'q=masala+dosa', 'q=dosa&veg=1', '_rsc=1x2y']) {
      expect(canonicalAddressOf(request('/pune', search)), search).toBeNull();
    }
    expect(canonicalAddressOf(request('/'))).toBeNull();
    expect(canonicalAddressOf(request('/pune/dosa-corner', '_rsc=1x2y'))).toBeNull();
  });

  it("redirects to a fixed point: the page's own spelling of any filters is left alone", () => {
    install();
    const messy = ['veg=TRUE&rating=4.0%2B&sort=Delivery&cuisine=%20Chinese', 'rating=4+&cuisine=&sort=nope', 'q=%E0%A4%AA%E0%A4%A8%E0%A5%80%E0%A4%B0&veg=on&ref=x'];
    for (const search of messy) {
      const target = canonicalAddressOf(request('/pune', search));
      expect(target, search).not.toBeNull();
      const again = new URL(target!, 'http://thali.test');
      expect(canonicalAddressOf(request(again.pathname, again.search)), target!).toBeNull();
    }
    expect(listingSearch(parseListingParams({ veg: 'TRUE', rating: '4.0+', sort: 'Delivery', cuisine: ' Chinese' }))).toBe('?veg=1&rating=4&cuisine=Chinese&sort=delivery');
  });

  it("never writes the router's parameter into the address (Next hides it from the proxy), and names like __proto__ are only names", () => {
    install();
    expect(canonicalAddressOf(request('/pune', 'utm_source=x&_rsc=1x2y'))).toBe('/pune');
    expect(canonicalAddressOf(request('/pune', '__proto__=1&constructor=2&veg=1'))).toBe('/pune?veg=1');
  });

  it('leaves every other request alone, and everything while the shared pages are off', () => {
    install();
    expect(canonicalAddressOf(request('/pune/dosa-corner', 'utm_source=x', 'POST'))).toBeNull();
    for (const address of ['/login', '/account', '/orders/abc', '/api/cities', '/pune/dosa-corner/reviews', '/Pune']) {
      expect(canonicalAddressOf(request(address, 'utm_source=x')), address).toBeNull();
    }
    install({ PAGE_CACHE: 'false' });
    expect(canonicalAddressOf(request('/pune', 'utm_source=x'))).toBeNull();
  });
});
