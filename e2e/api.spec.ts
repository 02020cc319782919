import { expect, test } from './support/test';
import { createClient } from 'redis';

import { E2E_KEY_PREFIX, E2E_REDIS_URL } from './support/config';

test.describe('JSON API', () => {
  test('GET /api/cities lists cities with restaurant counts', async ({ request }) => {
    const response = await request.get('/api/cities');
    expect(response.status()).toBe(200);
    expect(response.headers()['x-cache']).toMatch(/^(HIT|MISS)$/);
    expect(response.headers()['server-timing']).toMatch(/cache;desc="(HIT|MISS)";dur=\d/);
    const cities = (await response.json()) as { slug: string; name: string; restaurantCount: number }[];
    expect(cities.length).toBeGreaterThanOrEqual(8);
    expect(cities[0]).toEqual({ slug: expect.any(String), name: expect.any(String), restaurantCount: 25 });
  });

  test('a menu is a MISS first, then a HIT', async ({ request }) => {
    const list = await (await request.get('/api/cities/kolkata/restaurants')).json();
    const slug = (list as { slug: string }[]).at(-1)!.slug;

    const first = await request.get(`/api/restaurants/${slug}/menu`);
    const second = await request.get(`/api/restaurants/${slug}/menu`);
    expect(first.headers()['x-cache']).toBe('MISS');
    expect(second.headers()['x-cache']).toBe('HIT');
    expect(await second.json()).toEqual(await first.json());

    const menu = (await first.json()) as {
      restaurant: { slug: string };
      categories: { name: string; items: { id: number; pricePaise: number; veg: boolean }[] }[];
    };
    expect(menu.restaurant.slug).toBe(slug);
    expect(menu.categories.length).toBeGreaterThan(0);
    expect(Number.isInteger(menu.categories[0]!.items[0]!.pricePaise)).toBe(true);
  });

  test('restaurants of a city come in the city page’s default order, closed ones included', async ({ request }) => {
    const response = await request.get('/api/cities/pune/restaurants');
    const restaurants = (await response.json()) as { isOpen: boolean; rating: number }[];
    expect(restaurants).toHaveLength(25);
    expect(Object.keys(restaurants[0]!).sort()).toEqual(
      ['costForTwo', 'cuisines', 'deliveryMinutes', 'isOpen', 'name', 'offer', 'opensAt', 'photoUrl', 'pureVeg', 'rating', 'ratingCount', 'slug'].sort(),
    );
    const firstClosed = restaurants.findIndex((restaurant) => !restaurant.isOpen);
    expect(firstClosed).toBeGreaterThan(0);
    expect(restaurants.slice(firstClosed).every((restaurant) => !restaurant.isOpen)).toBe(true);
  });

  test('malformed parameters get 400 and unknown ones 404, as JSON', async ({ request }) => {
    const malformed = await request.get('/api/restaurants/NOT_A_SLUG/menu');
    expect(malformed.status()).toBe(400);
    expect(await malformed.json()).toEqual({ error: expect.stringContaining('restaurant') });

    const unknown = await request.get('/api/restaurants/no-such-place-e2e/menu');
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual({ error: expect.any(String) });

    expect((await request.get('/api/cities/atlantis-e2e/restaurants')).status()).toBe(404);
    expect((await request.get('/api/cities/Atlantis/restaurants')).status()).toBe(400);
  });

  test('a visitor’s own parts of a menu page: private, empty without a cart or a session, 400 and 404 as JSON', async ({ request }) => {
    const list = (await (await request.get('/api/cities/pune/restaurants')).json()) as { slug: string }[];
    const response = await request.get(`/api/restaurants/${list[0]!.slug}/visitor`);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('private, no-store');
    expect(await response.json()).toEqual({
      cart: { lines: [], totalPaise: 0, elsewhere: null },
      favourite: { favourited: null },
    });
    expect((await request.get('/api/restaurants/NOT_A_SLUG/visitor')).status()).toBe(400);
    const unknown = await request.get('/api/restaurants/no-such-place-e2e/visitor');
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual({ error: expect.any(String) });
  });

  test('a guest cart id comes from this site’s pages only, and with the hint that makes menu pages ask for the cart', async ({ request, baseURL, playwright }) => {
    expect((await request.post('/api/cart/guest')).status()).toBe(403);
    expect((await request.post('/api/cart/guest', { headers: { Origin: 'https://elsewhere.example' } })).status()).toBe(403);
    const issued = await request.post('/api/cart/guest', { headers: { Origin: baseURL! } });
    expect(issued.status()).toBe(204);
    const cookies = issued.headersArray().filter((header) => header.name.toLowerCase() === 'set-cookie').map((header) => header.value);
    expect(cookies.some((cookie) => /^(__Host-)?thali_guest=/.test(cookie))).toBe(true);
    expect(cookies.some((cookie) => cookie.startsWith('thali_state=1') && !/httponly/i.test(cookie))).toBe(true);

    // A browser that kept its guest id but lost the hint gets the hint back, and keeps its id (and cart).
    const guest = cookies.find((cookie) => /^(__Host-)?thali_guest=/.test(cookie))!.split(';')[0]!;
    const bare = await playwright.request.newContext({ baseURL });
    try {
      const again = await bare.post('/api/cart/guest', { headers: { Origin: baseURL!, Cookie: guest } });
      expect(again.status()).toBe(204);
      const set = again.headersArray().filter((header) => header.name.toLowerCase() === 'set-cookie').map((header) => header.value);
      expect(set.some((cookie) => cookie.startsWith('thali_state=1'))).toBe(true);
      expect(set.some((cookie) => /^(__Host-)?thali_guest=/.test(cookie))).toBe(false);
    } finally {
      await bare.dispose();
    }
  });

  test('an unknown slug creates no cache key', async ({ request }) => {
    test.skip(!E2E_REDIS_URL, 'needs E2E_REDIS_URL to look inside Redis (the in-process store lives in the server)');
    await request.get('/api/restaurants/ghost-kitchen-e2e/menu');
    await request.get('/api/cities/ghost-town-e2e/restaurants');
    const redis = createClient({ url: E2E_REDIS_URL });
    await redis.connect();
    const found: string[] = [];
    for await (const keys of redis.scanIterator({ MATCH: `${E2E_KEY_PREFIX}*ghost*`, COUNT: 500 })) found.push(...keys);
    const all: string[] = [];
    for await (const keys of redis.scanIterator({ MATCH: `${E2E_KEY_PREFIX}*`, COUNT: 500 })) all.push(...keys);
    await redis.quit();
    expect(found).toEqual([]);
    // The namespace is in use, so the empty answer above is not an accident of the prefix.
    expect(all.length).toBeGreaterThan(0);
  });
});
