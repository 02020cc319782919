import { healthHeaders } from './support/config';
import { expect, test, type Page } from './support/test';

/**
 * What the pages cost, measured on the production server: their weight (HTML including the RSC
 * payload: deterministic, unlike timings, which live in `npm run bench`), the Postgres queries a warm
 * page runs (the server's own counter), and the menu a browser without JavaScript gets.
 */
const WEIGHT_LIMITS = { home: 60_000, city: 150_000, menu: 100_000 } as const;

interface Listed {
  slug: string;
}

/** The seeded menu with the most dishes: the heaviest menu page there is. */
async function largestMenu(page: Page): Promise<{ path: string; items: number }> {
  let largest = { path: '', items: -1 };
  const cities = (await (await page.request.get('/api/cities')).json()) as Listed[];
  for (const city of cities) {
    const restaurants = (await (await page.request.get(`/api/cities/${city.slug}/restaurants`)).json()) as Listed[];
    for (const restaurant of restaurants) {
      const menu = (await (await page.request.get(`/api/restaurants/${restaurant.slug}/menu`)).json()) as { categories: { items: unknown[] }[] };
      const items = menu.categories.reduce((sum, category) => sum + category.items.length, 0);
      if (items > largest.items) largest = { path: `/${city.slug}/${restaurant.slug}`, items };
    }
  }
  return largest;
}

async function weight(page: Page, path: string): Promise<number> {
  const response = await page.request.get(path);
  expect(response.status()).toBe(200);
  return (await response.body()).length;
}

async function dbQueries(page: Page): Promise<number> {
  const health = (await (await page.request.get('/api/health', { headers: healthHeaders })).json()) as { counters: { dbQueries: number } };
  return health.counters.dbQueries;
}

test.describe('page weight and the warm path', () => {
  test('home, the largest city page and the largest menu page stay within their weight', async ({ page }) => {
    const menu = await largestMenu(page);
    expect(menu.items).toBeGreaterThan(40);
    const sizes = { home: await weight(page, '/'), city: 0, menu: await weight(page, menu.path) };
    for (const city of (await (await page.request.get('/api/cities')).json()) as Listed[]) {
      sizes.city = Math.max(sizes.city, await weight(page, `/${city.slug}`));
    }
    test.info().annotations.push({ type: 'weights', description: JSON.stringify({ ...sizes, menuPath: menu.path }) });
    expect(sizes.home).toBeLessThanOrEqual(WEIGHT_LIMITS.home);
    expect(sizes.city).toBeLessThanOrEqual(WEIGHT_LIMITS.city);
    expect(sizes.menu).toBeLessThanOrEqual(WEIGHT_LIMITS.menu);
  });

  test('warm pages and the menu API run no Postgres queries', async ({ page }) => {
    const restaurants = (await (await page.request.get('/api/cities/delhi/restaurants')).json()) as Listed[];
    const paths = ['/', '/delhi', `/delhi/${restaurants[2]!.slug}`, `/api/restaurants/${restaurants[2]!.slug}/menu`];
    for (const path of paths) await weight(page, path); // warm every entry
    // The server's own jobs (the counter flush, the outbox) also query Postgres now and then: a window
    // they fall into is measured again, so only the pages' own queries can fail this.
    const windows: number[] = [];
    for (let attempt = 0; attempt < 3 && windows.at(-1) !== 0; attempt++) {
      const before = await dbQueries(page);
      for (let round = 0; round < 5; round++) for (const path of paths) await weight(page, path);
      windows.push((await dbQueries(page)) - before);
    }
    expect(windows.at(-1), `Postgres queries per window of 20 warm requests: ${windows.join(', ')}`).toBe(0);
  });

  // Each prefetch is a request through the rate limiter and a Redis read: the header's and the demo
  // banner's links sent 4-8 of them with every page view (home, account, login, the outbox), which a
  // count of a page's own Redis commands did not see.
  test('a page view prefetches no other page', async ({ page }) => {
    const restaurants = (await (await page.request.get('/api/cities/pune/restaurants')).json()) as Listed[];
    const prefetches: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.searchParams.has('_rsc') || request.headers()['next-router-prefetch']) prefetches.push(`${url.pathname}${url.search}`);
    });
    for (const path of ['/', '/pune', `/pune/${restaurants[1]!.slug}`, '/login', '/checkout']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    expect(prefetches).toEqual([]);
  });

  test('the menu is in the HTML a browser without JavaScript gets', async ({ browser, page }) => {
    const restaurants = (await (await page.request.get('/api/cities/mumbai/restaurants')).json()) as Listed[];
    const slug = restaurants[4]!.slug;
    const menu = (await (await page.request.get(`/api/restaurants/${slug}/menu`)).json()) as { categories: { name: string; items: { name: string }[] }[] };
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const noScript = await context.newPage();
      await noScript.goto(`/mumbai/${slug}`);
      const items = noScript.getByTestId('menu-item');
      await expect(items).toHaveCount(menu.categories.reduce((sum, category) => sum + category.items.length, 0));
      await expect(items.first()).toBeVisible();
      await expect(items.last()).toBeVisible();
      await expect(noScript.getByRole('heading', { name: menu.categories.at(-1)!.items.at(-1)!.name })).toBeVisible();
      await expect(noScript.getByRole('status', { name: /Loading/ })).toHaveCount(0);

      await noScript.goto('/mumbai');
      await expect(noScript.getByTestId('restaurant-card')).toHaveCount(restaurants.length);
      await expect(noScript.getByTestId('restaurant-card').last()).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
