import { expect, test } from './support/test';

/**
 * The search API through the real server and its proxy: ranked, typo-tolerant JSON, cached (x-cache),
 * rate limited like the rest of /api, and a clear 4xx for what can't be searched.
 */
test.describe('GET /api/cities/<city>/search', () => {
  test('finds a misspelt dish and its restaurant, ranked, then answers from the cache', async ({ request }) => {
    const first = await request.get('/api/cities/hyderabad/search?q=Biriyani');
    expect(first.status()).toBe(200);
    expect(first.headers()['x-cache']).toBe('MISS');
    expect(first.headers()['server-timing']).toMatch(/^cache;desc="MISS"/);
    expect(first.headers()['ratelimit-limit']).toBeDefined();
    const body = (await first.json()) as {
      restaurants: { name: string; isOpen: boolean }[];
      dishes: { name: string; pricePaise: number; veg: boolean; restaurant: { slug: string; name: string } }[];
    };
    expect(body.restaurants[0]!.name).toMatch(/Biryani/);
    expect(body.dishes[0]).toMatchObject({ name: expect.stringMatching(/Biryani/), restaurant: { slug: expect.any(String), name: expect.any(String) } });

    const again = await request.get('/api/cities/hyderabad/search?q=%20%20biriyani%20');
    expect(again.headers()['x-cache']).toBe('HIT');
    expect(await again.json()).toEqual(body);
  });

  test('answers 400 for a search it cannot run and 404 for an unknown city, never a 5xx', async ({ request }) => {
    const long = await request.get(`/api/cities/hyderabad/search?q=${'paneer'.repeat(84)}`);
    expect(long.status()).toBe(400);
    expect(await long.json()).toEqual({ error: 'A search can be at most 100 characters long.' });
    expect((await request.get('/api/cities/hyderabad/search')).status()).toBe(400);
    expect((await request.get('/api/cities/hyderabad/search?q=%00%1b')).status()).toBe(400);
    expect((await request.get('/api/cities/atlantis/search?q=biryani')).status()).toBe(404);
    expect((await request.get(`/api/cities/hyderabad/search?q=${encodeURIComponent("') or 1=1 --")}`)).status()).toBe(200);
  });
});
