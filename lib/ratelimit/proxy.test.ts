import { NextRequest, type NextFetchEvent } from 'next/server';
import { describe, expect, it, vi } from 'vitest';

const budgets = vi.hoisted(() => [] as string[]);
vi.mock('./state', () => ({
  rateLimitState: () => ({
    limiter: {
      limit: async (policy: string) => {
        budgets.push(policy);
        return { success: true, limit: 10, remaining: 9, reset: Date.now() + 60_000, pending: Promise.resolve() };
      },
    },
  }),
}));

const { rateLimitRequest } = await import('./proxy');
const { BENCH_EXEMPT_HEADER, proxyPolicyFor } = await import('./policies');
const { parseEnv } = await import('@/lib/env');
const { REQUEST_ID_HEADER } = await import('@/lib/http/unavailable-answers.mjs');
const event = { waitUntil: () => {} } as unknown as NextFetchEvent;

async function budgetOf(url: string): Promise<string | undefined> {
  budgets.length = 0;
  await rateLimitRequest(new NextRequest(`http://127.0.0.1${url}`), event);
  return budgets[0];
}

describe('the proxy picks the budget a request draws on', () => {
  it('pages draw on the page budget and the API on its own', async () => {
    expect(await budgetOf('/hyderabad')).toBe('page');
    expect(await budgetOf('/hyderabad?veg=1')).toBe('page');
    expect(await budgetOf('/api/cities/hyderabad/search?q=biryani')).toBe('api');
  });

  it("a page that runs a search draws on the API's budget, as the search API does", async () => {
    expect(await budgetOf('/hyderabad?q=biryani')).toBe('api');
    expect(await budgetOf('/hyderabad?q=%20%20')).toBe('page');
  });

  it('a city spelled with percent-escapes is only redirected to its plain spelling (decision 079), which then draws on the API budget', async () => {
    expect(await budgetOf('/%68yderabad?q=biryani')).toBe('page');
    expect(await budgetOf('/hyderabad?q=biryani')).toBe('api');
  });

  it("a q on a page that runs no search is no search: the proxy redirects it or the page ignores it (it spent an API unit)", async () => {
    expect(await budgetOf('/?q=x')).toBe('page');
    expect(await budgetOf('/hyderabad/dosa-corner?q=biryani')).toBe('page');
    expect(await budgetOf('/account?q=biryani')).toBe('page');
    expect(await budgetOf('/hyderabad/?q=biryani')).toBe('page');
  });

  it("the image optimizer's q is a quality, not a search: a photo draws on the page budget (a menu's photos spent the API's)", async () => {
    expect(await budgetOf('/_next/image?url=%2Fmedia%2Fa.webp&w=640&q=75')).toBe('page');
    expect(await budgetOf('/_next/image.x?url=%2Fmedia%2Fa.webp&w=640&q=75')).toBe('page');
  });

  it("a menu page's cart and heart, asked after load, draw on the page budget: they are part of the page view", async () => {
    expect(await budgetOf('/api/restaurants/dosa-corner/visitor')).toBe('page');
    expect(await budgetOf('/api/restaurants/dosa-corner/menu')).toBe('api');
    expect(await budgetOf('/api/restaurants/dosa-corner/visitor/x')).toBe('api');
  });

  it("a first ADD's guest id draws on the page budget, as the ADD's action does", async () => {
    expect(await budgetOf('/api/cart/guest')).toBe('page');
    expect(await budgetOf('/api/cart/guest/x')).toBe('api');
    expect(await budgetOf('/api/cart')).toBe('api');
  });

  it("the header's cart count draws on the page budget: it is part of the page view", async () => {
    expect(await budgetOf('/api/cart/count')).toBe('page');
    expect(await budgetOf('/api/cart/count/x')).toBe('api');
  });

  it("an order page's status poll draws on the page budget too; other order paths do not", async () => {
    expect(await budgetOf('/api/orders/80OQNhQnuur3muw88KWWzw/status')).toBe('page');
    expect(await budgetOf('/api/orders/80OQNhQnuur3muw88KWWzw')).toBe('api');
    expect(await budgetOf('/api/orders/a/b/status')).toBe('api');
  });

  it("/account's one poll for its active orders draws on the page budget, as the order page's does", async () => {
    expect(await budgetOf('/api/orders/active')).toBe('page');
    expect(await budgetOf('/api/orders/active/more')).toBe('api');
  });
});

describe("the image optimizer's own fetch of a photo", () => {
  const photo = '/media/0123456789abcdef0123456789abcdef.webp';
  const served = parseEnv({ THALI_SERVED_BY: 'serve.mjs', TRUSTED_PROXIES: '1' });
  // What Next gives the optimizer's internal request: no header of the visitor's, the socket's address.
  const internal = () => new Headers({ 'x-forwarded-for': '10.0.0.2', 'x-forwarded-host': 'localhost' });
  const fromOutside = () => new Headers({ 'x-forwarded-for': '203.0.113.7', host: 'thali.example', [REQUEST_ID_HEADER]: 'c0ffee' });

  it("is not counted again under serve.mjs: it carried the proxy's address, so every visitor's photos drew on one budget", () => {
    expect(proxyPolicyFor(photo, served, internal())).toBeNull();
  });

  it('counts every request from outside (serve.mjs tags each one), any other path, and everything without serve.mjs', () => {
    expect(proxyPolicyFor(photo, served, fromOutside())).toBe('page');
    expect(proxyPolicyFor('/media/', served, internal())).toBe('page');
    expect(proxyPolicyFor('/media/x.webp', served, internal())).toBe('page');
    expect(proxyPolicyFor('/bengaluru', served, internal())).toBe('page');
    expect(proxyPolicyFor('/api/cities', served, internal())).toBe('api');
    expect(proxyPolicyFor(photo, parseEnv({ TRUSTED_PROXIES: '1' }), internal())).toBe('page');
    expect(proxyPolicyFor(photo, served)).toBe('page');
  });
});

describe('the benchmark-only exemption header', () => {
  const exemptHeader = (url: string) =>
    rateLimitRequest(new NextRequest(`http://127.0.0.1${url}`, { headers: { [BENCH_EXEMPT_HEADER]: '1' } }), event);

  it('exempts nothing while ENABLE_BENCH_ROUTES is off (every deployment)', async () => {
    expect((await exemptHeader('/hyderabad')).kind).toBe('allowed');
    expect((await exemptHeader('/api/restaurants/x/menu')).kind).toBe('allowed');
  });

  it('exempts the same page or API URL while ENABLE_BENCH_ROUTES is on, for a client on this machine only', () => {
    const env = parseEnv({ ENABLE_BENCH_ROUTES: 'true' });
    // scripts/serve.mjs puts the socket address in X-Forwarded-For (TRUSTED_PROXIES=none).
    const local = new Headers({ [BENCH_EXEMPT_HEADER]: '1', 'x-forwarded-for': '127.0.0.1' });
    expect(proxyPolicyFor('/hyderabad', env, local)).toBeNull();
    expect(proxyPolicyFor('/api/restaurants/x/menu', env, local)).toBeNull();
    expect(proxyPolicyFor('/hyderabad', env, new Headers({ [BENCH_EXEMPT_HEADER]: '1', 'x-forwarded-for': '::1' }))).toBeNull();
    expect(proxyPolicyFor('/api/internal/bench/restaurants/x/menu', env, new Headers({ 'x-forwarded-for': '127.0.0.1' }))).toBeNull();
    expect(proxyPolicyFor('/hyderabad', env, new Headers({ [BENCH_EXEMPT_HEADER]: 'yes', 'x-forwarded-for': '127.0.0.1' }))).toBe('page');
    expect(proxyPolicyFor('/api/restaurants/x/menu', env)).toBe('api');
    // From anywhere else, nothing is exempt, whatever the flag says.
    const remote = new Headers({ [BENCH_EXEMPT_HEADER]: '1', 'x-forwarded-for': '203.0.113.7' });
    expect(proxyPolicyFor('/hyderabad', env, remote)).toBe('page');
    expect(proxyPolicyFor('/api/internal/bench/restaurants/x/menu', env, new Headers({ 'x-forwarded-for': '203.0.113.7' }))).toBe('api');
  });
});
