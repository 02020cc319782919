import { deleteKeys } from './support/backends';
import { E2E_SECOND_PORT, E2E_SHARED_BACKENDS } from './support/config';
import { expect, test, type Page } from './support/test';

/**
 * The shared pages (docs/decisions/046): every visitor gets home, city and menu pages rendered once
 * and served from the Redis page cache, by either instance, with headers and a badge that say so; a
 * visitor with a cart or a session gets their cart and heart after load; the shared route has no address.
 */
interface Listed {
  slug: string;
}

async function menuPath(page: Page, city: string, index: number): Promise<string> {
  const restaurants = (await (await page.request.get(`/api/cities/${city}/restaurants`)).json()) as Listed[];
  return `/${city}/${restaurants[index]!.slug}`;
}

/** The menu path of Kolkata's `index`th open restaurant (-1: the last), read from its city page in `page`. */
async function openMenuPath(page: Page, index: number): Promise<string> {
  await page.goto('/kolkata');
  return (await page.locator('[data-testid="restaurant-card"][data-open="true"] h2 a').nth(index).getAttribute('href'))!;
}

/**
 * Clicks `count` ADD buttons in `tab`, from the `from`th still showing ADD, in one task (as fast as no
 * finger can); answers their dishes' names, sorted.
 */
function tapAdds(tab: Page, from: number, count: number): Promise<string[]> {
  return tab.evaluate(
    ([first, many]) => {
      const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="menu-item"][data-available="true"] button')];
      const tapped = buttons.filter((candidate) => candidate.textContent?.startsWith('ADD')).slice(first, first + many);
      if (tapped.length < many) throw new Error(`only ${tapped.length} of ${many} ADD buttons from the ${first}th`);
      for (const button of tapped) button.click();
      return tapped.map((button) => button.closest('li')!.querySelector('h3')!.textContent!).sort();
    },
    [from, count] as const,
  );
}

/** Loads a page until the page cache serves it (the first loads render it and warm its entries). */
async function servedFromPageCache(page: Page, url: string) {
  let headers: Record<string, string> = {};
  await expect
    .poll(async () => {
      const response = await page.request.get(url);
      expect(response.status()).toBe(200);
      headers = response.headers();
      return headers['x-nextjs-cache'];
    }, { timeout: 20_000 })
    .toBe('HIT');
  return headers;
}

test.describe('shared pages', () => {
  test('home, a city and a menu are served from the page cache, and say so', async ({ page }) => {
    const menu = await menuPath(page, 'kolkata', 2);
    for (const url of ['/', '/kolkata', menu]) {
      const headers = await servedFromPageCache(page, url);
      expect(headers['cache-control'], url).toBe('private, no-cache');
      expect(headers['server-timing'], url).toMatch(/^page-cache;desc="HIT";dur=\d/);
    }
    // The badge says when the page it is on was rendered: the same time on every load of one rendering.
    // (Home: a menu page's first view in a browser counts a view, which rightly renders it again.)
    await page.goto('/');
    const badge = page.getByTestId('cache-status');
    await expect(badge).toContainText(/page rendered/);
    const renderedAt = await badge.getAttribute('data-rendered-at');
    await page.reload();
    await expect(badge).toHaveAttribute('data-rendered-at', renderedAt!);
  });

  test('searches and filters are rendered per request', async ({ page }) => {
    for (const url of ['/kolkata?veg=1', '/kolkata?q=biryani']) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(200);
      expect(response.headers()['x-nextjs-cache'], url).toBeUndefined();
    }
  });

  test('a visitor with a cart gets the shared menu, with their own cart drawn in after load', async ({ page, browser }) => {
    const menu = await openMenuPath(page, -1);
    const slug = menu.split('/')[2]!;
    const visitorPath = `/api/restaurants/${slug}/visitor`;
    let asked = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === visitorPath) asked += 1;
    });
    await servedFromPageCache(page, menu);
    await page.goto(menu);
    await expect(page.getByTestId('cache-status')).toContainText(/page rendered/);
    await page.locator('[data-testid="menu-item"][data-available="true"]').first().getByRole('button', { name: /^ADD/ }).click();
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    // The first visit had nothing of its own to ask for: no cart, no session, so no hint. And the ADD
    // did not swap in a page rendered for this visitor (its guest id came from a route, not the action).
    expect(asked).toBe(0);
    await expect(page.getByTestId('cache-status')).toContainText(/page rendered/);

    // Reloaded: the same shared page (its badge says so), and this visitor's cart comes after load.
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === visitorPath);
    await page.reload();
    expect((await answer).status()).toBe(200);
    await expect(page.getByTestId('cache-status')).toContainText(/page rendered/);
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await expect(page.getByTestId('quantity-stepper').first()).toBeVisible();
    expect(await page.request.get(menu).then((response) => response.headers()['x-nextjs-cache'])).toBe('HIT');

    // A stepper's answer is the new cart, and a reload shows it.
    await page.getByTestId('cart').getByRole('button', { name: /Add one more/ }).click();
    await expect(page.getByTestId('cart').getByTestId('stepper-quantity')).toHaveText(/^2/);
    await page.reload();
    await expect(page.getByTestId('cart').getByTestId('stepper-quantity')).toHaveText(/^2/);

    // Another visitor gets the very same page with an empty cart, and asks for nothing.
    const other = await browser.newContext();
    try {
      const stranger = await other.newPage();
      let strangerAsked = 0;
      stranger.on('request', (request) => {
        if (new URL(request.url()).pathname === visitorPath) strangerAsked += 1;
      });
      await stranger.goto(menu);
      await expect(stranger.getByTestId('cart')).toContainText('Empty');
      await expect(stranger.getByTestId('cart-line')).toHaveCount(0);
      expect(strangerAsked).toBe(0);
    } finally {
      await other.close();
    }
  });

  test('a new guest’s quick ADDs right after load all show, on the shared page', async ({ page }) => {
    const menu = await openMenuPath(page, 0);
    await page.goto(menu);
    const dishes = page.locator('[data-testid="menu-item"][data-available="true"]');
    for (let i = 0; i < 3; i++) await dishes.nth(i).getByRole('button', { name: /^ADD/ }).click();
    await expect(page.getByTestId('cart-line')).toHaveCount(3);
    await expect(page.getByTestId('cache-status')).toContainText(/page rendered/);
    await page.reload();
    await expect(page.getByTestId('cart-line')).toHaveCount(3);
  });

  test('ADDs tapped together share one guest id and all show, also once the id has expired under its hint', async ({ page, context }) => {
    let issued = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/cart/guest') issued += 1;
    });
    // The cart's dish names, sorted: a count alone would pass while the old cart is still on screen.
    const cartNames = async () => (await page.getByTestId('cart-line').locator('p').allTextContents()).sort();
    const menu = await openMenuPath(page, 3);
    await page.goto(menu);
    const first = await tapAdds(page, 0, 3);
    await expect.poll(cartNames).toEqual(first);
    expect(issued).toBe(1);

    // The guest id lasts 12 hours, the hint as long as the browser: the ADDs find no id, get one, add again.
    const kept = (await context.cookies()).filter((cookie) => !/^(__Host-)?thali_guest$/.test(cookie.name));
    await context.clearCookies();
    await context.addCookies(kept);
    const second = await tapAdds(page, 3, 3);
    await expect.poll(cartNames).toEqual(second);
    expect(issued).toBe(2);
    // Never swapped for a page rendered for this visitor, and the new cart holds all three.
    await expect(page.getByTestId('cache-status')).toContainText(/page rendered/);
    await page.reload();
    await expect.poll(cartNames).toEqual(second);
  });

  test('first ADDs tapped at once in two tabs share one guest id: one cart holds both', async ({ browser }) => {
    const context = await browser.newContext();
    try {
      const [first, second] = [await context.newPage(), await context.newPage()];
      const menu = await openMenuPath(first, 4);
      let issued = 0;
      // Each request waits a moment, so the two tabs' requests overlap as they would on a slow network.
      await context.route('**/api/cart/guest', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const response = await route.fetch();
        if ((response.headers()['set-cookie'] ?? '').includes('thali_guest=')) issued += 1;
        await route.fulfill({ response });
      });
      await Promise.all([first.goto(menu), second.goto(menu)]);
      await Promise.all([tapAdds(first, 0, 1), tapAdds(second, 1, 1)]);
      // Each tab shows the cart its own ADD was answered with; the later one holds both dishes.
      await expect(first.getByTestId('cart-line').first()).toBeVisible();
      await expect(second.getByTestId('cart-line').first()).toBeVisible();
      await first.reload();
      await expect(first.getByTestId('cart-line')).toHaveCount(2);
      expect(issued).toBe(1);
    } finally {
      await context.close();
    }
  });

  test('a first ADD whose guest id is refused says why: wait for the request budget, or sign in past the network’s share', async ({ page }) => {
    const menu = await openMenuPath(page, 0);
    await page.goto(menu);
    const add = page.locator('[data-testid="menu-item"][data-available="true"]').first().getByRole('button', { name: /^ADD/ });
    // The proxy's refusal (the page budget) says when to try again; signing in would not help.
    await page.route('**/api/cart/guest', (route) =>
      route.fulfill({ status: 429, headers: { 'retry-after': '42' }, json: { error: 'Too many requests. Try again in 42 seconds.' } }),
    );
    await add.click();
    await expect(page.getByText('Too many requests: try again in 42 s')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in to add to your cart' })).toHaveCount(0);
    // The route's own refusal (this network's guest carts for the hour) offers signing in.
    await page.unroute('**/api/cart/guest');
    await page.route('**/api/cart/guest', (route) =>
      route.fulfill({ status: 429, json: { error: 'Sign in to add to your cart: this network has started many carts lately.' } }),
    );
    await add.click();
    await expect(page.getByRole('link', { name: 'Sign in to add to your cart' })).toBeVisible();
    await expect(page.getByTestId('cart-line')).toHaveCount(0);
  });

  test('an ADD or a + whose action is refused by the request budget says so and keeps the menu on screen', async ({ page }) => {
    const menu = await openMenuPath(page, 1);
    await page.goto(menu);
    const dishes = page.locator('[data-testid="menu-item"][data-available="true"]');
    await dishes.nth(0).getByRole('button', { name: /^ADD/ }).click();
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    // The proxy refuses the page's next requests, the actions included (lib/ratelimit/responses.ts's
    // refusalPage): Next's action client throws on an answer that is not its own.
    await page.route(menu, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 429, headers: { 'retry-after': '42' }, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Slow down a little</title>' })
        : route.continue(),
    );
    await dishes.nth(1).getByRole('button', { name: /^ADD/ }).click();
    await expect(dishes.nth(1).getByText('Could not add: try again')).toBeVisible();
    // The + shows 2 at once, then the cart as it is: still 1, and says the change did not take.
    await dishes.nth(0).getByRole('button', { name: /^Add one more/ }).click();
    await expect(dishes.nth(0).getByTestId('stepper-quantity')).toHaveText(/^1 /);
    await expect(dishes.nth(0).getByText('Could not change: try again')).toBeVisible();
    // The cart's own − / + (the side cart on desktop, the sheet on phones) says so too.
    if (!(await page.getByTestId('cart').isVisible())) await page.getByTestId('cart-bar').click();
    await page.getByTestId('cart-line').getByRole('button', { name: /^Add one more/ }).click();
    await expect(page.getByTestId('cart-change-failed')).toHaveText('Could not change your cart: try again');
    await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
  });

  test('a tab brought back to the front shows what another tab did to the cart', async ({ page, context, browser }) => {
    const comeBack = (tab: Page) =>
      tab.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
        document.dispatchEvent(new Event('visibilitychange'));
      });
    const menu = await openMenuPath(page, 2);
    await page.goto(menu);
    const dishes = (tab: Page) => tab.locator('[data-testid="menu-item"][data-available="true"]');
    await dishes(page).first().getByRole('button', { name: /^ADD/ }).click();
    await expect(page.getByTestId('cart-line')).toHaveCount(1);

    const other = await context.newPage();
    await other.goto(menu);
    await expect(other.getByTestId('cart-line')).toHaveCount(1);
    await dishes(other).nth(1).getByRole('button', { name: /^ADD/ }).click();
    await expect(other.getByTestId('cart-line')).toHaveCount(2);
    await comeBack(page);
    await expect(page.getByTestId('cart-line')).toHaveCount(2);

    // A visitor with nothing of their own asks nothing on coming back, and is never told their cart is loading.
    const strangers = await browser.newContext();
    try {
      const stranger = await strangers.newPage();
      await stranger.goto(menu);
      await comeBack(stranger);
      await expect(stranger.getByTestId('cart')).toContainText('Empty');
    } finally {
      await strangers.close();
    }
  });

  test('a menu page restored from the back/forward cache asks for the cart again', async ({ playwright }, testInfo) => {
    // Playwright turns the back/forward cache off by default; this test needs it on.
    const { launchOptions, baseURL } = testInfo.project.use;
    const browser = await playwright.chromium.launch({ ...launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
    try {
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      const menu = await openMenuPath(page, 1);
      await page.goto(menu);
      await page.locator('[data-testid="menu-item"][data-available="true"]').first().getByRole('button', { name: /^ADD/ }).click();
      await expect(page.getByTestId('cart-line')).toHaveCount(1);
      await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'this document'));
      await page.goto('/');
      // Meanwhile (another tab, say) the cart is emptied.
      const minus = await context.newPage();
      await minus.goto(menu);
      await minus.getByTestId('cart').getByRole('button', { name: /^Remove one/ }).click();
      await expect(minus.getByTestId('cart-line')).toHaveCount(0);
      await minus.close();
      // A restore fires no load event: wait for the navigation to commit only.
      await page.goBack({ waitUntil: 'commit' });
      await expect(page.getByTestId('cache-status')).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('this document');
      await expect(page.getByTestId('cart-line')).toHaveCount(0);

      // Cookies gone meanwhile (signed out, cleared): nothing of this visitor's stays on the restored page.
      await page.locator('[data-testid="menu-item"][data-available="true"]').first().getByRole('button', { name: /^ADD/ }).click();
      await expect(page.getByTestId('cart-line')).toHaveCount(1);
      await page.goto('/');
      await context.clearCookies();
      await page.goBack({ waitUntil: 'commit' });
      expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('this document');
      await expect(page.getByTestId('cart')).toContainText('Empty');
    } finally {
      await browser.close();
    }
  });

  test('a client navigation gets the shared page', async ({ page }) => {
    await page.goto('/kolkata');
    const link = page.locator('[data-testid="restaurant-card"] h2 a').first();
    const menu = (await link.getAttribute('href'))!;
    const navigation = page.waitForResponse((response) => new URL(response.url()).pathname === menu && response.request().headers()['rsc'] === '1');
    await link.click();
    await expect(page).toHaveURL(menu);
    expect((await navigation).headers()['x-nextjs-cache']).toMatch(/^(HIT|MISS)$/);
  });

  test("the request that renders a shared page can't put text of its own choosing in it", async ({ page }) => {
    test.skip(!E2E_SHARED_BACKENDS, "needs the e2e server's Redis, to make the page cold");
    // The page carries its address in its payload; `_rsc` (the router's parameter, meaningless on a
    // plain request) was kept in it and served to everyone after.
    const marker = `chosen-${Date.now()}`;
    // Its data warm, then the page itself gone: the next request renders it and fills the entry.
    await servedFromPageCache(page, '/ahmedabad');
    expect(await deleteKeys('page:v1:*{/shared/city/ahmedabad}*')).toBeGreaterThan(0);
    const filling = await page.request.get(`/ahmedabad?_rsc=${marker}`);
    expect(filling.status()).toBe(200);
    expect(filling.headers()['x-nextjs-cache']).toBe('MISS');
    expect(await filling.text()).not.toContain(marker);
    const later = await page.request.get('/ahmedabad');
    expect(later.headers()['x-nextjs-cache']).toBe('HIT');
    expect(await later.text()).not.toContain(marker);
  });

  test('a campaign link is sent to the shared page, and its parameters never reach a page', async ({ page }) => {
    const marker = `campaign-${Date.now()}`;
    await servedFromPageCache(page, '/kolkata');
    // Rendered per request, with the query in its payload, until 2026-12-07 (docs/decisions/073).
    const redirect = await page.request.get(`/kolkata?utm_source=${marker}&veg=1`, { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers()['location']).toBe('/kolkata?veg=1');
    const landing = await page.request.get(`/kolkata?utm_source=${marker}`);
    expect(new URL(landing.url()).pathname + new URL(landing.url()).search).toBe('/kolkata');
    expect(landing.headers()['x-nextjs-cache']).toBe('HIT');
    expect(await landing.text()).not.toContain(marker);
    // A percent-escaped spelling, which Next routes to the same page, rendered it per request until the review.
    const escaped = await page.request.get('/%6bolkata', { maxRedirects: 0 });
    expect(escaped.status()).toBe(307);
    expect(escaped.headers()['location']).toBe('/kolkata');
    // In a browser, the address bar ends at the page's own address.
    await page.goto(`/kolkata?fbclid=${marker}`);
    await expect(page).toHaveURL(/\/kolkata$/);
    await expect(page.getByTestId('restaurant-card').first()).toBeVisible();
  });

  test('the shared route is not an address anyone can ask for', async ({ page }) => {
    for (const url of ['/shared/home', '/shared/city/kolkata', '/shared/menu/kolkata/x']) {
      expect((await page.request.get(url)).status(), url).toBe(404);
    }
  });

  test('a page one instance rendered is served by the other', async ({ page }) => {
    test.skip(!E2E_SHARED_BACKENDS, 'needs the second instance on the shared Redis and Postgres');
    const menu = await menuPath(page, 'kolkata', 4);
    // Fetched, not visited: a browser's first visit counts a view, which rightly renders the page again.
    await servedFromPageCache(page, menu);
    const renderedAt = /data-rendered-at="([^"]+)"/.exec(await (await page.request.get(menu)).text())?.[1];
    expect(renderedAt).toBeDefined();
    const other = `http://127.0.0.1:${E2E_SECOND_PORT}${menu}`;
    const response = await page.request.get(other);
    expect(response.headers()['x-nextjs-cache']).toBe('HIT');
    expect(await response.text()).toContain(`data-rendered-at="${renderedAt}"`);
  });
});
